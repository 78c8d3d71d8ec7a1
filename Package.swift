// swift-tools-version:6.1
import PackageDescription

// MARK: - Shared settings

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),  // a module's public surface names what it exposes
]

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

// MARK: - Package

let package = Package(
    name: "ImagePrep",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ImagePrep", targets: ["ImageCore", "SystemIO", "ImageCodecs", "ImageMasks", "ImageRules", "ImageAPI", "ImageSandbox", "ImagePrep", "ImageFidelity",
                                              "ImageBatch"]),
        .library(name: "ImageSandbox", targets: ["ImageSandbox"]),
        .executable(name: "imageprep", targets: ["ImagePrepCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),  // `swift package generate-documentation`
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),  // SHA-256: inputs, options and batch bundles (issue 15)
    ],
    targets: [
        // C libraries, found with pkg-config; Debian packages named as providers.
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"]), .brew(["jpeg-turbo"])]),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebpmux", providers: [.apt(["libwebp-dev"]), .brew(["webp"])]),
        .systemLibrary(name: "CLCMS2", pkgConfig: "lcms2", providers: [.apt(["liblcms2-dev"]), .brew(["little-cms2"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        // Input-only formats (issue 17): GIF (giflib ships no .pc file on Debian 12), TIFF. HEIF/AVIF: libheif is
        // loaded on first use by CImageShims (heif_loader.c), so only its header is needed to build.
        .systemLibrary(name: "CGif", providers: [.apt(["libgif-dev"]), .brew(["giflib"])]),
        .systemLibrary(name: "CTiff", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev"]), .brew(["libtiff"])]),

        // The only C we write: every libjpeg/libpng call that can longjmp, behind int return codes; lcms2's
        // pixel-format macros as functions; the PNG IDAT stream (filters + libdeflate); libheif opened on first use.
        .target(name: "CImageShims", dependencies: ["CPNG", "CJPEG", "CLCMS2", "CDeflate", "CGif", "CTiff"],
                linkerSettings: [.linkedLibrary("gif")]),  // giflib has no .pc file: the module map's `link` needs a Swift import

        // The resampler's innermost loops, AVX2 with FMA when the CPU has it (picked at run time), else portable C.
        .target(name: "CKernels"),

        // Pipeline modules; arrows run inward only (docs/ARCHITECTURE.md, checked by scripts/check-imports.py).
        .target(name: "ImageCore", dependencies: ["CKernels"]),
        .target(name: "SystemIO", dependencies: ["ImageCore"]),
        .target(name: "ImageCodecs", dependencies: ["ImageCore", "SystemIO", "CImageShims", "CPNG", "CJPEG", "CWebP", "CLCMS2"]),
        .target(name: "ImageMasks", dependencies: ["ImageCore", "SystemIO"]),
        .target(name: "ImageRules", dependencies: ["ImageCore", "SystemIO", "ImageCodecs"]),
        // Fidelity (issue 19): measure a result outside the mask, paste the base (or the original) back.
        .target(name: "ImageFidelity", dependencies: ["ImageCore", "SystemIO", "ImageCodecs"]),
        // ImagePrep is also the product's umbrella: it re-exports every library module (one import).
        .target(name: "ImagePrep", dependencies: ["ImageCore", "SystemIO", "ImageCodecs", "ImageMasks", "ImageRules", "ImageAPI", "ImageSandbox",
                                               "ImageFidelity",
                                               "ImageBatch"]),
        // At scale (issue 15): manifests, shards from the engines' index variables, idempotent outputs, reports.
        .target(name: "ImageBatch", dependencies: ["ImageCore", "SystemIO", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "ImageBatchTests", dependencies: ["ImageBatch", "SystemIO", "ImagePrep", "ImagePrepTestSupport", "ImagePrepCLI"]),
        // Linked by lld with relative relocations packed (DT_RELR, glibc 2.36+): the loader reads 28 KB instead of
        // a 3.4 MB table of 144,000 entries at every start (BENCHMARKS.md, "The streamed encode and a smaller start-up").
        .executableTarget(name: "ImagePrepCLI", dependencies: ["ImagePrep", "ImageAPI", "ImageSandbox", "ImageStudio", argumentParser],
                          linkerSettings: [.unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux]))]),

        // API client (transport seam, files, tasks, poller, retries) and the task history store.
        .target(name: "ImageAPI", dependencies: [
            "ImageCore", "SystemIO", "ImageCodecs", "ImageRules",
            "ImageFidelity",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // Sandbox: a local HTTP server that speaks the image API (issue 7).
        .target(name: "ImageSandbox", dependencies: [
            "ImageCore", "SystemIO", "ImageCodecs", "ImageRules",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Studio: a local web page over the library (issue 16); the page is static files in Resources/.
        .target(name: "ImageStudio", dependencies: [
            "ImageCore", "SystemIO", "ImageCodecs", "ImageMasks", "ImageRules", "ImageAPI", "ImagePrep",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Resources")]),
        .testTarget(name: "ImageStudioTests", dependencies: [
            "ImageStudio", "ImageAPI", "ImagePrep", "ImageSandbox", "ImagePrepTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),

        // Test support: corpus manifests and fixture paths shared by every test target.
        .target(name: "ImagePrepTestSupport", dependencies: ["ImageCore", "SystemIO", "ImageCodecs", "ImageMasks", "ImageRules", "ImagePrep",
                                                          "ImageBatch"]),
        .testTarget(name: "ImageCoreTests", dependencies: ["ImageCore", "CKernels", "ImagePrepTestSupport"]),
        .testTarget(name: "ImageCodecsTests", dependencies: ["ImageCodecs", "SystemIO", "ImagePrepTestSupport"],
                    exclude: ["Golden"]),  // raw golden pixels read from disk by the tests
        .testTarget(name: "ImageMasksTests", dependencies: ["ImageMasks", "ImagePrep", "ImagePrepTestSupport"],
                    exclude: ["Fixtures/make_coco_rle.py"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ImagePrepTests", dependencies: ["ImagePrep", "ImageRules", "ImagePrepTestSupport", "ImagePrepCLI"]),
        .testTarget(name: "ImageAPITests", dependencies: ["ImageAPI", "ImageCore", "ImageCodecs", "ImageRules", "ImagePrep", "ImageSandbox", "ImagePrepTestSupport", "ImagePrepCLI"]),
        .testTarget(name: "ImageFidelityTests", dependencies: [
            "ImageFidelity", "ImagePrep", "ImageAPI", "ImageSandbox", "ImageCodecs", "ImageCore", "ImagePrepTestSupport",
        ]),
        .testTarget(name: "ImageSandboxTests", dependencies: [
            "ImageSandbox", "ImageCore", "ImageCodecs",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "ImagePrepCLITests", dependencies: [  // runs the built binary and the snippets
            "ImagePrepTestSupport", "ImagePrepCLI", "EditWithSandbox", "ConvertImage", "MaskAndCheck",
        ]),

        // Fuzzing: `scripts/fuzz.sh` builds this with -sanitize=fuzzer,address; plain builds replay inputs.
        .executableTarget(name: "ImagePrepFuzz", dependencies: ["ImagePrepTestSupport"], path: "Fuzz/ImagePrepFuzz"),

        // Snippets (also shown in the DocC catalogs): built with the package, so the examples cannot rot.
        .executableTarget(name: "EditWithSandbox", dependencies: ["ImagePrep"], path: "Snippets",
                          sources: ["EditWithSandbox.swift"]),
        .executableTarget(name: "ConvertImage", dependencies: ["ImagePrep"], path: "Snippets", sources: ["ConvertImage.swift"]),
        .executableTarget(name: "MaskAndCheck", dependencies: ["ImagePrep"], path: "Snippets", sources: ["MaskAndCheck.swift"]),

        // Benchmarks: release-build executables that run the peers side by side.
        .executableTarget(name: "CodecBench", dependencies: ["ImageCodecs"], path: "Benchmarks/CodecBench"),
        .executableTarget(name: "SandboxLoad", dependencies: [
            "ImageSandbox", .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ], path: "Benchmarks/SandboxLoad"),
        .executableTarget(name: "CheckBench", dependencies: ["ImagePrep", "ImageRules", "ImageCodecs", "ImagePrepTestSupport"], path: "Benchmarks/CheckBench"),
        .executableTarget(name: "NormalizeBench", dependencies: ["ImagePrep", "ImageCodecs", "ImageCore"],
                          path: "Benchmarks/NormalizeBench"),
        .executableTarget(name: "FidelityBench", dependencies: ["ImageFidelity", "ImageCodecs", "ImageCore"],
                          path: "Benchmarks/FidelityBench"),
        .executableTarget(name: "MaskBench", dependencies: ["ImageMasks", "ImagePrep"], path: "Benchmarks/MaskBench"),
    ]
)

for target in package.targets where target.type != .system && !["CImageShims", "CKernels"].contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
