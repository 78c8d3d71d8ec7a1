// swift-tools-version:6.1
import PackageDescription

// MARK: - Shared settings

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

// MARK: - Package

let package = Package(
    name: "ImagePrep",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ImagePrep", targets: ["ImageCore", "ImageCodecs", "ImageMasks", "ImagePrep"]),
        .executable(name: "imageprep", targets: ["ImagePrepCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C libraries, found with pkg-config; Debian packages named as providers.
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"]), .brew(["jpeg-turbo"])]),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebpmux", providers: [.apt(["libwebp-dev"]), .brew(["webp"])]),
        .systemLibrary(name: "CLCMS2", pkgConfig: "lcms2", providers: [.apt(["liblcms2-dev"]), .brew(["little-cms2"])]),

        // The only C we write: every libjpeg/libpng call that can longjmp, behind int return codes.
        .target(name: "CImageShims", dependencies: ["CPNG", "CJPEG"]),

        // Pipeline modules; arrows run inward only.
        .target(name: "ImageCore"),
        .target(name: "ImageCodecs", dependencies: ["ImageCore", "CImageShims", "CPNG", "CJPEG", "CWebP"]),
        .target(name: "ImageMasks", dependencies: ["ImageCore", "ImageCodecs"]),
        .target(name: "ImagePrep", dependencies: ["ImageCore", "ImageCodecs", "ImageMasks", "CLCMS2"]),
        .executableTarget(name: "ImagePrepCLI", dependencies: ["ImagePrep", argumentParser]),

        // Test support: corpus manifests and fixture paths shared by every test target.
        .target(name: "ImagePrepTestSupport", dependencies: ["ImageCore", "ImageCodecs", "ImagePrep"]),
        .testTarget(name: "ImageCoreTests", dependencies: ["ImageCore", "ImagePrepTestSupport"]),
        .testTarget(name: "ImageCodecsTests", dependencies: ["ImageCodecs", "ImagePrepTestSupport"],
                    exclude: ["Golden"]),  // raw golden pixels read from disk by the tests
        .testTarget(name: "ImageMasksTests", dependencies: ["ImageMasks", "ImagePrepTestSupport"]),
        .testTarget(name: "ImagePrepTests", dependencies: ["ImagePrep", "ImagePrepTestSupport"]),
        .testTarget(name: "ImagePrepCLITests", dependencies: ["ImagePrepTestSupport"]),

        // Fuzzing: `scripts/fuzz.sh` builds this with -sanitize=fuzzer,address; plain builds replay inputs.
        .executableTarget(name: "ImagePrepFuzz", dependencies: ["ImagePrepTestSupport"], path: "Fuzz/ImagePrepFuzz"),

        // Benchmarks: release-build executables that run the peers side by side.
        .executableTarget(name: "CodecBench", dependencies: ["ImageCodecs"], path: "Benchmarks/CodecBench"),
        .executableTarget(name: "CheckBench", dependencies: ["ImagePrep", "ImageCodecs", "ImagePrepTestSupport"], path: "Benchmarks/CheckBench"),
        .executableTarget(name: "NormalizeBench", dependencies: ["ImagePrep", "ImageCodecs", "ImageCore"],
                          path: "Benchmarks/NormalizeBench"),
        .executableTarget(name: "MaskBench", dependencies: ["ImageMasks"], path: "Benchmarks/MaskBench"),
    ]
)

for target in package.targets where target.type != .system && target.name != "CImageShims" {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
