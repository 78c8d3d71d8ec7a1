import Foundation
import ImageCodecs
import ImageCore
import Testing
@testable import ImagePrep
@testable import ImageRules

@Suite struct ProfileSetTests {
    @Test func builtInProfilesMatchTheContract() throws {
        let set = ProfileSet.builtIn
        #expect(set.models == ["gpt-4o-image", "gpt-image-1", "gpt-image-1.5", "gpt-image-2"])
        let p = try #require(set.profile(for: "gpt-4o-image"))
        #expect(p.images.maxCount == 5 && p.images.maxBytes == 10_000_000)
        #expect(p.images.formats == [.jpeg, .png, .webp])
        #expect(p.mask?.maxBytes == 4_000_000 && p.mask?.maxImages == 1 && p.mask?.requiresAlpha == true)
        #expect(p.n == [1, 2, 4])
        #expect(p.size?.allowed == ["1:1", "2:3", "3:2", "1024x1024", "1024x1536", "1536x1024"])
        #expect(p.prompt.maxLength == 1000 && p.prompt.unit == .utf16)
        #expect(p.callback == .init(httpsOnly: true, maxLength: 2048, forbidInternalHosts: true))
        let two = try #require(set.profile(for: "gpt-image-2"))
        #expect(two.prompt.maxLength == 32000 && two.prompt.unit == .codepoints)
        #expect(two.size?.allowed.count == 16 && two.size?.pixels?.maxPixels == 8_294_400)
        #expect(two.mask == nil && two.images.maxCount == 16 && two.images.maxBytes == 50_000_000)
    }

    @Test func builtInProfilesRoundTripThroughTheRulesSchema() throws {
        for model in ProfileSet.builtIn.models {
            let profile = try #require(ProfileSet.builtIn.profile(for: model))
            var fresh = ProfileSet(profiles: [:])
            try fresh.add(json: ProfileSet.json(of: profile), file: "x.json")
            #expect(fresh.profile(for: model) == profile)
        }
    }

    @Test func partialOverrideOfAKnownModelKeepsTheRest() throws {
        var set = ProfileSet.builtIn
        try set.add(json: Array(#"{"model": "gpt-4o-image", "prompt": {"max_length": 2000}, "n": [1]}"#.utf8), file: "r.json")
        let p = try #require(set.profile(for: "gpt-4o-image"))
        #expect(p.prompt.maxLength == 2000 && p.prompt.unit == .utf16 && p.prompt.required)
        #expect(p.n == [1])
        #expect(p.images == ProfileSet.builtIn.profile(for: "gpt-4o-image")?.images)
    }

    @Test func newModelExtendsAnother() throws {
        var set = ProfileSet.builtIn
        try set.add(json: Array(#"{"profiles": [{"model": "my-gateway", "extends": "gpt-4o-image", "mask": null, "images": {"max_count": 1}}]}"#.utf8),
                    file: "r.json")
        let p = try #require(set.profile(for: "my-gateway"))
        #expect(p.model == "my-gateway" && p.mask == nil && p.images.maxCount == 1 && p.n == [1, 2, 4])
        var b = cleanBundle(mask: .url("https://cdn.example.com/m.png"))
        b.model = "my-gateway"
        #expect(BundleRules.check(b, profiles: set).map(\.rule) == ["mask.unsupported"])
    }

    @Test func oddUserLimitsDoNotTrap() throws {
        var set = ProfileSet.builtIn
        try set.add(json: Array(#"{"model": "gpt-image-2", "size": {"pixels": {"multiple_of": 0}}, "n": []}"#.utf8), file: "r.json")
        var b = cleanBundle(model: "gpt-image-2", size: "1000x1000")
        b.n = 1
        #expect(BundleRules.check(b, profiles: set).map(\.rule) == ["n.allowed"])
    }

    @Test(arguments: [
        (#"{"model": "new-model"}"#, "profile `new-model`: missing field `images`"),
        (#"{"model": "x", "extends": "nope"}"#, "profile `x`: extends unknown profile `nope`"),
        (#"{"model": "gpt-4o-image", "n": "four"}"#, "profile `gpt-4o-image`: field `n`: Expected to decode Array<Any> but found a string instead."),
        (#"[{"images": {}}]"#, "profile 1: missing string field `model`"),
        (#"{"profiles": 3}"#, "`profiles` must be an array of profile objects"),
        ("nope", "not valid JSON"),
    ])
    func badRulesFilesSayWhat(json: String, message: String) {
        var set = ProfileSet.builtIn
        #expect {
            try set.add(json: Array(json.utf8), file: "r.json")
        } throws: { error in
            guard let error = error as? RulesFileError else { return false }
            return error.file == "r.json" && error.message == message
        }
    }
}
