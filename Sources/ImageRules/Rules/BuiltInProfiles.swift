/// The built-in model profiles, as JSON in the `--rules` schema (docs/RULES.md). Data, not code paths:
/// `BundleRules` reads these tables and nothing else about a model. Every number is sourced in
/// `/work/shared/docs/API-CONTRACT.md`; where sources disagree the safe (stricter) reading is taken and the
/// `notes`/`note` fields say which.
enum BuiltInProfiles {
    static let json: [String] = [gpt4oImage, gptImage1, gptImage15, gptImage2]

    static let callback = #"{"https_only": true, "max_length": 2048, "forbid_internal_hosts": true}"#

    static let gpt4oImage = #"""
    {
      "model": "gpt-4o-image",
      "notes": "docs.evolink.ai gpt-4o-image page (Beta). Prompt: EN page 1000 characters vs 2000 tokens elsewhere, 1000 characters kept. References: 5 x 10 MB per the page; a 4 MB figure elsewhere gives a warning only.",
      "images": {
        "max_count": 5,
        \#(imageFormats)
        "max_bytes": 10000000,
        "advisory_max_bytes": 4000000,
        "advisory_note": "the gpt-4o-image page allows 10 MB, but the vendor's generic parameter reference says 4 MB and the API's 413 example says 'compress image to under 4MB'",
        "edit_sizes": ["1024x1024", "1024x1536", "1536x1024"],
        "size_mismatch_severity": "error"
      },
      "mask": {"formats": ["png"], "max_bytes": 4000000, "requires_alpha": true, "same_size_as_image": true, "max_images": 1},
      "prompt": {
        "required": true, "max_length": 1000, "unit": "utf16",
        "note": "the English docs say at most 1000 characters while other locales say 2000 tokens; 1000 characters is the safe reading"
      },
      "n": [1, 2, 4],
      "size": {"allowed": \#(sixSizes)},
      "callback": \#(callback)
    }
    """#

    /// JPEG, PNG and WebP by content and by name: every model documents these.
    static let imageFormats = #""formats": ["jpeg", "png", "webp"], "extensions": ["jpeg", "jpg", "png", "webp"],"#

    /// The six sizes gpt-4o-image documents, also taken by gpt-image-1.5.
    static let sixSizes = #"["1:1", "2:3", "3:2", "1024x1024", "1024x1536", "1536x1024"]"#

    static let gptImage1 = gptImageFamily(
        model: "gpt-image-1",
        notes: "evolink.ai/gpt-image-1 product page only (no API reference page): up to 16 images of 50 MB, JPEG/PNG/WebP, n 1-10, prompt 'suggested 2,000'. Sizes undocumented. Masks are documented only for gpt-4o-image.",
        prompt: characters2000("Evolink's playground suggests 2,000 while OpenAI allows 32,000 for GPT image models; 2000 characters is the safe reading"),
        size: nil)

    /// gpt-image-1 with the six sizes of gpt-4o-image and its own sources.
    static let gptImage15 = gptImageFamily(
        model: "gpt-image-1.5",
        notes: "evolink.ai gpt-image-1.5 product page: up to 16 images of 50 MB, n 1-10, the 6 sizes of gpt-4o-image. Prompt limit taken from the -lite/-beta pages (2000 tokens) as 2000 characters. Masks are documented only for gpt-4o-image.",
        prompt: characters2000("no limit is documented for gpt-image-1.5; its -lite and -beta pages say 2000 tokens, read safely as 2000 characters"),
        size: #"{"allowed": \#(sixSizes)}"#)

    static let gptImage2 = gptImageFamily(
        model: "gpt-image-2",
        notes: "docs.evolink.ai gpt-image-2 page: prompt 32000 code points; size auto, 15 ratios or WxH (sides multiple of 16 in [16, 3840], 655,360-8,294,400 pixels, ratio at most 3:1); 1-16 images of 50 MB. n 1-10 from a 3rd-party summary. Masks are documented only for gpt-4o-image.",
        prompt: #"{"required": true, "max_length": 32000, "unit": "codepoints", "note": "counted in Unicode code points, as the docs say"}"#,
        size: #"""
            {
              "allowed": ["auto", "1:1", "1:2", "2:1", "1:3", "3:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "9:21", "21:9"],
              "pixels": {"multiple_of": 16, "min_side": 16, "max_side": 3840, "min_pixels": 655360, "max_pixels": 8294400, "max_aspect_ratio": 3}
            }
            """#)

    /// A required prompt of at most 2000 UTF-16 characters, with the `note` saying where the figure comes from.
    static func characters2000(_ note: String) -> String {
        #"{"required": true, "max_length": 2000, "unit": "utf16", "note": "\#(note)"}"#
    }

    /// The GPT image models as Evolink documents them: up to 16 JPEG/PNG/WebP images of 50 MB, n 1–10, no
    /// mask; `prompt` and `size` are the JSON objects of those keys (no `size` key when nil).
    static func gptImageFamily(model: String, notes: String, prompt: String, size: String?) -> String {
        #"""
        {
          "model": "\#(model)",
          "notes": "\#(notes)",
          "images": {
            "max_count": 16,
            \#(imageFormats)
            "max_bytes": 50000000
          },
          "prompt": \#(prompt),
          "n": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
          \#(size.map { #""size": \#($0),"# } ?? "")
          "callback": \#(callback)
        }
        """#
    }
}
