import Foundation
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing
@testable import ImagePrepCLI
@testable import ImagePrep
@testable import ImageRules

/// One bundle that breaks one rule, and every rule id the check must report for it (exactly).
struct RuleCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var expected: Set<String>
    var profiles: ProfileSet = .builtIn
    var deep = false
    var bundle: @Sendable () -> BundleManifest

    init(_ rule: String, also: Set<String> = [], profiles: ProfileSet = .builtIn, deep: Bool = false,
         _ bundle: @escaping @Sendable () -> BundleManifest) {
        self.rule = rule
        self.expected = also.union([rule])
        self.profiles = profiles
        self.deep = deep
        self.bundle = bundle
    }

    var testDescription: String { rule }

    /// The rule ids found.
    func run() -> [RuleIssue] {
        BundleRules.check(bundle(), profiles: profiles, options: .init(deep: deep))
    }
}

/// A bundle that passes every rule: `images`, `mask`, prompt, size 1024x1024, n 1, an https callback.
func cleanBundle(images: [BundleInput] = [.url("https://cdn.example.com/photo.png")], mask: BundleInput? = nil,
                 model: String = "gpt-4o-image", size: RequestedSize? = "1024x1024") -> BundleManifest {
    BundleManifest(model: model, prompt: "Put a red knitted hat on the person", images: images, mask: mask, size: size,
                   n: 1, callbackURL: "https://hooks.example.com/imageprep/done")
}

/// Profiles with one limit changed, the way a `--rules` file changes it.
func profiles(overriding json: String) -> ProfileSet {
    var set = ProfileSet.builtIn
    try! set.add(json: Array(json.utf8), file: "test-rules.json")
    return set
}

@Suite struct BundleRulesTests {
    static let url = BundleInput.url("https://cdn.example.com/photo.png")
    static let maskURL = BundleInput.url("https://cdn.example.com/mask.png")

    /// Rules that need no decoding: options, URLs, counts, unreadable files.
    static let optionCases: [RuleCase] = [
        RuleCase("model.unknown") { var b = cleanBundle(); b.model = "dall-e-9"; return b },
        RuleCase("prompt.missing") { var b = cleanBundle(); b.prompt = nil; return b },
        RuleCase("prompt.missing") { var b = cleanBundle(); b.prompt = " \n\t"; return b },
        RuleCase("prompt.length") { var b = cleanBundle(); b.prompt = String(repeating: "a", count: 1001); return b },
        // 501 emoji = 501 code points but 1002 UTF-16 units: over the safe 1000-character reading.
        RuleCase("prompt.length") { var b = cleanBundle(); b.prompt = String(repeating: "😀", count: 501); return b },
        RuleCase("prompt.length") {
            var b = cleanBundle(model: "gpt-image-2", size: "auto"); b.prompt = String(repeating: "é", count: 32001); return b
        },
        RuleCase("n.allowed") { var b = cleanBundle(); b.n = 3; return b },
        RuleCase("n.allowed") { var b = cleanBundle(model: "gpt-image-1", size: nil); b.n = 11; return b },
        RuleCase("size.allowed") { cleanBundle(size: "512x512") },
        RuleCase("size.allowed") { cleanBundle(size: "auto") },
        RuleCase("size.pixels") { cleanBundle(model: "gpt-image-2", size: "1000x1000") },
        RuleCase("size.pixels") { cleanBundle(model: "gpt-image-2", size: "3840x1024") },
        RuleCase("size.pixels") { cleanBundle(model: "gpt-image-2", size: "512x512") },
        RuleCase("size.pixels") { cleanBundle(model: "gpt-image-2", size: "9223372036854775807x9223372036854775807") },
        RuleCase("size.allowed") { cleanBundle(size: "9223372036854775807:3") },
        RuleCase("size.unverified") { cleanBundle(model: "gpt-image-1", size: "1024x1024") },
        RuleCase("callback.length") {
            var b = cleanBundle(); b.callbackURL = "https://hooks.example.com/" + String(repeating: "x", count: 2030); return b
        },
        RuleCase("callback.syntax") { var b = cleanBundle(); b.callbackURL = "https://hooks example.com/cb"; return b },
        RuleCase("callback.syntax") { var b = cleanBundle(); b.callbackURL = "hooks.example.com/cb"; return b },
        RuleCase("callback.https") { var b = cleanBundle(); b.callbackURL = "http://hooks.example.com/cb"; return b },
        RuleCase("callback.private-address") { var b = cleanBundle(); b.callbackURL = "https://192.168.1.10/cb"; return b },
        RuleCase("callback.private-address") { var b = cleanBundle(); b.callbackURL = "https://2130706433/cb"; return b },
        RuleCase("callback.private-address") { var b = cleanBundle(); b.callbackURL = "https://[::ffff:10.0.0.1]:8443/cb"; return b },
        RuleCase("callback.private-address") { var b = cleanBundle(); b.callbackURL = "https://api.localhost/cb"; return b },
        RuleCase("callback.internal-name") { var b = cleanBundle(); b.callbackURL = "https://build-server/cb"; return b },
        RuleCase("image.count") { cleanBundle(images: Array(repeating: url, count: 6)) },
        RuleCase("image.url") { cleanBundle(images: [.url("ftp://example.com/a.png")]) },
        RuleCase("image.url") { cleanBundle(images: [.url("https://169.254.169.254/latest/a.png")]) },
        RuleCase("image.url") { cleanBundle(images: [.url("data:image/png;base64,iVBORw0KGgo=")]) },
        RuleCase("image.url-host") { cleanBundle(images: [.url("https://fileserver.local/a.png")]) },
        RuleCase("image.url-extension") { cleanBundle(images: [.url("https://example.com/download?id=3")]) },
        RuleCase("mask.url") { cleanBundle(mask: .url("https://10.0.0.5/m.png")) },
        RuleCase("mask.url-host") { cleanBundle(mask: .url("https://nas.lan/m.png")) },
        RuleCase("mask.url-extension") { cleanBundle(mask: .url("https://cdn.example.com/m.jpg")) },
        RuleCase("mask.unsupported") { cleanBundle(mask: maskURL, model: "gpt-image-1", size: nil) },
        RuleCase("mask.without-image") { cleanBundle(images: [], mask: maskURL) },
        RuleCase("mask.multiple-images") { cleanBundle(images: [url, url], mask: maskURL) },
        RuleCase("image.unreadable") { cleanBundle(images: [.file("/nonexistent/imageprep/photo.png")]) },
        RuleCase("mask.unreadable") { cleanBundle(mask: .file("/nonexistent/imageprep/mask.png")) },
    ]

    @Test(arguments: optionCases)
    func optionRuleFails(_ c: RuleCase) {
        let issues = c.run()
        #expect(Set(issues.map(\.rule)) == c.expected, "\(issues)")
        let issue = issues.first { $0.rule == c.rule }
        #expect(issue?.severity == RuleCatalog.rules.first { $0.id == c.rule }?.severity)
        #expect(issue?.message.contains("expected") == true)
        #expect(issue?.hint?.isEmpty == false)
    }

    static var f: (String) -> BundleInput { { .file(RulesFixtures.path($0)) } }
    static func corpus(_ set: String, _ file: String) -> BundleInput { .file(Corpus.path(set, file) ?? "/missing-corpus/\(file)") }

    /// Rules that read real files (generated with ImageEncoder, or from the shared corpora).
    static let fileCases: [RuleCase] = [
        RuleCase("image.format") { cleanBundle(images: [f("fake.gif")]) },
        RuleCase("image.extension") { cleanBundle(images: [f("jpeg-named.png")]) },
        RuleCase("image.extension") { cleanBundle(images: [f("edit.jfif")]) },
        RuleCase("image.decode") { cleanBundle(images: [f("bad-header.png")]) },
        RuleCase("image.decode", deep: true) { cleanBundle(images: [f("truncated.png")]) },
        RuleCase("image.bytes", profiles: profiles(overriding: #"{"model": "gpt-4o-image", "images": {"max_bytes": 1000}}"#)) {
            cleanBundle(images: [f("edit.png")])
        },
        RuleCase("image.bytes-advisory", profiles: profiles(overriding: #"{"model": "gpt-4o-image", "images": {"advisory_max_bytes": 1000}}"#)) {
            cleanBundle(images: [f("edit.png")])
        },
        RuleCase("image.dimensions") { cleanBundle(images: [f("small.png")]) },
        RuleCase("image.dimensions") { cleanBundle(images: [f("edit.png")], size: "3:2") },
        RuleCase("image.edit-size") { cleanBundle(images: [f("small.png")], size: nil) },
        RuleCase("mask.base-format") { cleanBundle(images: [f("edit.jpg")], mask: f("mask.png")) },
        RuleCase("mask.bytes", profiles: profiles(overriding: #"{"model": "gpt-4o-image", "mask": {"max_bytes": 100}}"#)) {
            cleanBundle(images: [f("edit.png")], mask: f("mask.png"))
        },
        RuleCase("mask.format", also: ["mask.alpha"]) { cleanBundle(images: [f("edit.png")], mask: f("mask.jpg")) },
        RuleCase("mask.extension") { cleanBundle(images: [f("edit.png")], mask: f("mask-named.webp")) },
        RuleCase("mask.decode") { cleanBundle(images: [f("edit.png")], mask: f("bad-header.png")) },
        RuleCase("mask.alpha") { cleanBundle(images: [f("edit.png")], mask: f("mask-rgb.png")) },
        RuleCase("mask.alpha-opaque") { cleanBundle(images: [f("edit.png")], mask: f("mask-opaque.png")) },
        RuleCase("mask.alpha-transparent") { cleanBundle(images: [f("edit.png")], mask: f("mask-clear.png")) },
        RuleCase("mask.polarity") { cleanBundle(images: [f("edit.png")], mask: f("mask-black.png")) },
        RuleCase("mask.size-mismatch") { cleanBundle(images: [f("edit.png")], mask: f("mask-small.png")) },
    ]

    /// Rules whose failing bundles come from the shared corpora.
    static let corpusCases: [RuleCase] = [
        RuleCase("image.orientation", also: ["image.edit-size"]) {
            cleanBundle(images: [corpus("exif-orientation-examples", "Landscape_6.jpg")], size: nil)
        },
        RuleCase("image.animated", also: ["image.edit-size"]) {
            cleanBundle(images: [corpus("pillow-tests", "apng_blend_op_over.png")], size: nil)
        },
        RuleCase("image.animated", also: ["image.edit-size"]) {
            cleanBundle(images: [corpus("image-rs-webp", "animated/random_lossy.webp")], size: nil)
        },
        RuleCase("mask.animated", also: ["mask.size-mismatch", "mask.alpha-opaque"]) {
            cleanBundle(images: [f("edit.png")], mask: corpus("pillow-tests", "apng_blend_op_over.png"))
        },
        RuleCase("image.decode-warning", also: ["image.edit-size"], deep: true) {
            cleanBundle(images: [corpus("pillow-tests", "icc_profile.png")], size: nil)
        },
        RuleCase("mask.decode-warning", also: ["mask.size-mismatch", "mask.alpha-opaque"]) {
            cleanBundle(images: [f("edit.png")], mask: corpus("pillow-tests", "icc_profile.png"))
        },
    ]

    @Test(arguments: fileCases)
    func fileRuleFails(_ c: RuleCase) {
        let issues = c.run()
        #expect(Set(issues.map(\.rule)) == c.expected, "\(issues)")
        #expect(issues.first { $0.rule == c.rule }?.file != nil)
    }

    @Test(arguments: corpusCases)
    func corpusRuleFails(_ c: RuleCase) {
        let issues = c.run()
        #expect(Set(issues.map(\.rule)) == c.expected, "\(issues)")
    }

    @Test func everyCatalogRuleHasAFailingBundle() {
        let covered = Set((Self.optionCases + Self.fileCases + Self.corpusCases).map(\.rule))
        #expect(Set(RuleCatalog.ids).subtracting(covered).isEmpty, "rules without a failing bundle")
        #expect(covered.subtracting(RuleCatalog.ids).isEmpty, "test cases for rules missing from the catalog")
    }

    // MARK: - Clean bundles

    @Test func cleanOptionOnlyBundlesPass() {
        #expect(BundleRules.check(cleanBundle()).isEmpty)
        #expect(BundleRules.check(cleanBundle(mask: Self.maskURL)).isEmpty)
        var b = cleanBundle(model: "gpt-image-2", size: "1536x1024")
        b.n = 10
        b.prompt = String(repeating: "é", count: 32000)
        #expect(BundleRules.check(b).isEmpty)
        b = cleanBundle(model: "gpt-image-2", size: "21:9")
        #expect(BundleRules.check(b).isEmpty)
        b = cleanBundle(images: Array(repeating: Self.url, count: 16), model: "gpt-image-1.5", size: "3:2")
        #expect(BundleRules.check(b).isEmpty)
        b = cleanBundle()
        b.prompt = String(repeating: "a", count: 1000)
        b.n = 4
        b.callbackURL = nil
        #expect(BundleRules.check(b).isEmpty)
    }

    @Test
    func cleanFileBundlesPass() {
        let f = Self.f
        #expect(BundleRules.check(cleanBundle(images: [f("edit.png")], mask: f("mask.png"))).isEmpty)
        #expect(BundleRules.check(cleanBundle(images: [f("edit.png")], mask: f("mask.png")), options: .init(deep: true)).isEmpty)
        #expect(BundleRules.check(cleanBundle(images: [f("edit.jpg")])).isEmpty)
        #expect(BundleRules.check(cleanBundle(images: [f("wide.png")], size: "3:2")).isEmpty)
        #expect(BundleRules.check(cleanBundle(images: [f("wide.png")], size: nil)).isEmpty)
        #expect(BundleRules.check(cleanBundle(images: [f("small.png"), f("edit.jpg")], model: "gpt-image-2", size: "1536x1024")).isEmpty)
        // Header-only does not see a truncated pixel stream; --deep does (case above).
        #expect(BundleRules.check(cleanBundle(images: [f("truncated.png")])).isEmpty)
        // Decode limits apply: a 1024x1024 image over a 1-megapixel-minus-one limit fails its header check.
        let limited = BundleRules.check(cleanBundle(images: [f("edit.png")]), options: .init(limits: DecodeLimits(maxPixels: 1_048_575)))
        #expect(limited.map(\.rule) == ["image.decode"])
    }

    @Test(arguments: [
        ("cmyk.jpg", [String]()), ("p3-color-bars.jpg", []), ("logo-alpha.png", []), ("lossy.webp", []),
        ("photo-rotated.jpg", ["image.orientation"]),
    ])
    func samplesPass(file: String, warnings: [String]) throws {
        let path = Corpus.samplesDirectory + "/" + file
        // Any size goes for gpt-image-2: only the EXIF warning remains.
        let two = BundleRules.check(cleanBundle(images: [.file(path)], model: "gpt-image-2", size: "auto"), options: .init(deep: true))
        #expect(two.map(\.rule) == warnings)
        // gpt-4o-image: not an edit size yet, so a warning whose fix is a normalize (the CLI prints the command); no errors.
        let four = BundleRules.check(cleanBundle(images: [.file(path)], size: nil))
        #expect(four.map(\.rule) == warnings + ["image.edit-size"])
        #expect(CheckReport(bundle: cleanBundle(), issues: four).ok)
        let hint = try #require(four.last.map(FixCommandLine.phrased)?.hint)
        #expect(hint.hasPrefix("run: imageprep normalize --size ") && hint.contains(" \(path) -o "))
        if file == "photo-rotated.jpg" { #expect(hint.contains("1536x1024")) }  // shown 1800x1200 (stored 1200x1800)
    }

    @Test
    func lenientDeepDecodeTurnsDamageIntoAWarning() throws {
        // The corpus marks this truncated progressive JPEG `decode-with-warning`: lenient decoders return an image.
        let path = try #require(Corpus.path("pillow-tests", "truncated_jpeg.jpg"))
        let bundle = cleanBundle(images: [.file(path)], model: "gpt-image-2", size: "auto")
        #expect(BundleRules.check(bundle).isEmpty)
        let lenient = BundleRules.check(bundle, options: .init(deep: true, strictness: .lenient))
        #expect(lenient.map(\.rule) == ["image.decode-warning"])
        #expect(lenient.first?.severity == .warning)
    }

    @Test
    func preparedFilesAreCheckedInsteadOfTheOriginals() throws {
        let dir = RulesFixtures.folder + "/prepared-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: RulesFixtures.path("edit.png"), toPath: dir + "/out/base.png")
        try FileManager.default.copyItem(atPath: RulesFixtures.path("mask-small.png"), toPath: dir + "/out/mask.png")
        try Data("""
            {"prompt": "hat", "images": ["original-photo.jpg"], "mask": "original-mask.png", "size": "1024x1024",
             "prepared": {"base": "out/base.png", "mask": "out/mask.png"}}
            """.utf8).write(to: URL(fileURLWithPath: dir + "/bundle.json"))
        let bundle = try BundleManifest.load(dir + "/bundle.json")
        let issues = BundleRules.check(bundle)
        #expect(issues.map(\.rule) == ["mask.size-mismatch"])
        #expect(issues.first?.file == dir + "/out/mask.png")
    }

    // MARK: - Messages

    @Test func promptMessageExplainsTheSafeReading() throws {
        var b = cleanBundle()
        b.prompt = String(repeating: "a", count: 1200)
        let issue = try #require(BundleRules.check(b).first)
        #expect(issue.message.hasPrefix("expected at most 1000 characters (UTF-16 code units), got 1200"))
        #expect(issue.message.contains("2000 tokens"))
        #expect(issue.hint == "shorten the prompt by 200 characters")
    }

    @Test
    func dimensionFixIsANormalizeToTheRequestedSize() throws {
        let path = RulesFixtures.path("small.png")
        let issue = try #require(BundleRules.check(cleanBundle(images: [.file(path)], size: "3:2")).first)
        #expect(issue.message.hasPrefix("expected 1536x1024 (the requested size 3:2), got 64x48"))
        let fix = RuleIssue.Fix.normalize(file: path, size: Size(width: 1536, height: 1024))
        #expect(issue.fix == fix)
        #expect(issue.hint == "normalize it to 1536x1024")           // words, no command line
        let edit = try #require(BundleRules.check(cleanBundle(images: [.file(path)], size: nil)).first)
        #expect(edit.fix == fix)                                       // 4:3 is nearest to 3:2
        let out = String(path.dropLast(4)) + "-normalized.png"
        #expect(FixCommandLine.phrased(issue).hint == "run: imageprep normalize --size 1536x1024 \(path) -o \(out)")
    }

    @Test func theCLIPhrasesFixesAsRunnableCommandLines() {
        func line(_ fix: RuleIssue.Fix) -> String { FixCommandLine.line(for: fix) }
        #expect(line(.normalize(file: "dir/photo.jpg", size: Size(width: 1536, height: 1024)))
                == "imageprep normalize --size 1536x1024 dir/photo.jpg -o dir/photo-normalized.jpg")
        #expect(line(.normalize(file: "a.b/photo", format: .png, maxBytes: 10_000_000))
                == "imageprep normalize --format png --max-bytes 10MB a.b/photo -o a.b/photo-normalized.png")
        #expect(line(.normalize(file: "my photo's.webp", maxBytes: 4_500_000))
                == "imageprep normalize --max-bytes 4500KB 'my photo'\\''s.webp' -o 'my photo'\\''s-normalized.webp'")
        #expect(line(.normalize(file: ".hidden")) == "imageprep normalize .hidden -o .hidden-normalized.png")
        #expect(line(.drawMask(base: "base.png", hardEdges: true)) == "imageprep mask --base base.png … -o mask.png --hard")
        #expect(line(.drawMask(inverted: true)) == "imageprep mask --base IMAGE … -o mask.png --invert")
        let polarity = RuleIssue(rule: "mask.alpha-opaque", severity: .warning, message: "m", hint: "check the polarity",
                                 fix: .drawMask(base: "b.png"))
        #expect(FixCommandLine.phrased(polarity).hint == "check the polarity; run: imageprep mask --base b.png … -o mask.png")
        #expect(FixCommandLine.phrased(RuleIssue(rule: "n.allowed", severity: .error, message: "m", fix: .n(2))).hint == "use --n 2")
    }

    @Test func requestedSizesParseEveryTextForm() {
        #expect(RequestedSize(parsing: "AUTO") == .auto)
        #expect(RequestedSize(parsing: "1536×1024") == .pixels(Size(width: 1536, height: 1024)))
        #expect(RequestedSize(parsing: "1536X1024").description == "1536x1024")
        #expect(RequestedSize(parsing: "3:2") == .ratio(width: 3, height: 2))
        #expect(RequestedSize(parsing: "3:2").pixelSize(among: TargetSize.apiSizes) == Size(width: 1536, height: 1024))
        #expect(RequestedSize(parsing: "0:2") == .unrecognized("0:2"))
        #expect(RequestedSize(parsing: "big").description == "big")
        #expect(TargetSize(RequestedSize(parsing: "2:3")) == .exact(Size(width: 1024, height: 1536)))
        #expect(TargetSize(RequestedSize(parsing: "512x512")) == nil)
        #expect(TargetSize.auto.requested == .auto)
    }

    @Test func strictTurnsWarningsIntoErrors() {
        var b = cleanBundle()
        b.callbackURL = "https://build-server/cb"
        let issues = BundleRules.check(b)
        #expect(CheckReport(bundle: b, issues: issues).ok)
        #expect(!CheckReport(bundle: b, issues: issues, strict: true).ok)
    }
}
