import ImageCore

extension BundleRules {
    /// `prompt.missing`, `prompt.length`.
    func checkPrompt(_ prompt: String?) -> [RuleIssue] {
        let limits = profile.prompt
        guard let prompt, !prompt.allSatisfy(\.isWhitespace) else {
            guard limits.required else { return [] }
            return [RuleIssue(rule: "prompt.missing", severity: .error, option: "prompt",
                              message: "expected a prompt (the API requires one), got \(prompt == nil ? "none" : "only whitespace")",
                              hint: "add a prompt")]
        }
        let length = limits.length(of: prompt)
        guard length > limits.maxLength else { return [] }
        let unit = limits.unit == .utf16 ? "characters (UTF-16 code units)" : "Unicode code points"
        return [RuleIssue(rule: "prompt.length", severity: .error, option: "prompt",
                          message: "expected at most \(limits.maxLength) \(unit), got \(length)" + (limits.note.map { "; \($0)" } ?? ""),
                          hint: "shorten the prompt by \(length - limits.maxLength) characters")]
    }

    /// `n.allowed`.
    func checkN(_ n: Int?) -> [RuleIssue] {
        guard let n, let allowed = profile.n, !allowed.contains(n) else { return [] }
        return [RuleIssue(rule: "n.allowed", severity: .error, option: "n",
                          message: "expected n to be \(Self.list(allowed.map(String.init))) for \(profile.model), got \(n)",
                          fix: .n(allowed.min { abs($0 - n) < abs($1 - n) } ?? 1))]
    }

    /// `size.allowed`, `size.pixels`, `size.unverified`.
    func checkSize(_ size: RequestedSize?) -> [RuleIssue] {
        guard let size else { return [] }
        guard let rules = profile.size else {
            return [RuleIssue(rule: "size.unverified", severity: .warning, option: "size",
                              message: "expected no size (the docs list none for \(profile.model)), got `\(size)`; the API may refuse it",
                              hint: "drop the size, or describe the model's sizes in a rules file")]
        }
        if rules.allowed.contains(where: { RequestedSize(parsing: $0) == size }) { return [] }
        if let pixels = rules.pixels, case .pixels(let wxh) = size {
            var problems: [String] = []
            let sides = [wxh.width, wxh.height]
            if pixels.multipleOf > 1, sides.contains(where: { $0 % pixels.multipleOf != 0 }) { problems.append("sides a multiple of \(pixels.multipleOf)") }
            if sides.contains(where: { $0 < pixels.minSide || $0 > pixels.maxSide }) { problems.append("sides in [\(pixels.minSide), \(pixels.maxSide)]") }
            let (area, overflow) = wxh.width.multipliedReportingOverflow(by: wxh.height)
            if overflow || area < pixels.minPixels || area > pixels.maxPixels {
                problems.append("\(pixels.minPixels) ≤ width × height ≤ \(pixels.maxPixels) (got \(overflow ? "more" : String(area)))")
            }
            let ratio = Double(max(wxh.width, wxh.height)) / Double(min(wxh.width, wxh.height))
            if ratio > pixels.maxAspectRatio { problems.append("aspect ratio at most \(pixels.maxAspectRatio):1") }
            guard !problems.isEmpty else { return [] }
            return [RuleIssue(rule: "size.pixels", severity: .error, option: "size",
                              message: "expected \(Self.list(problems)), got \(wxh)",
                              hint: "use a ratio such as 3:2 or a size like 1536x1024")]
        }
        let suggestion = rules.allowed.first(where: { Size(parsing: $0) != nil }) ?? rules.allowed.first ?? "auto"
        return [RuleIssue(rule: "size.allowed", severity: .error, option: "size",
                          message: "expected one of \(rules.allowed.joined(separator: ", "))\(rules.pixels == nil ? "" : " or WxH"), got `\(size)`",
                          fix: .size(RequestedSize(parsing: suggestion)))]
    }

    /// `callback.length`, `callback.syntax`, `callback.https`, `callback.private-address`, `callback.internal-name`.
    func checkCallback(_ url: String) -> [RuleIssue] {
        let rules = profile.callback
        var issues: [RuleIssue] = []
        if url.count > rules.maxLength {
            issues.append(RuleIssue(rule: "callback.length", severity: .error, option: "callback_url",
                                    message: "expected at most \(rules.maxLength) characters, got \(url.count)",
                                    hint: "use a shorter callback URL"))
        }
        let parsed: RemoteURL
        switch RemoteURL.parse(url) {
        case .failure(let error):
            issues.append(RuleIssue(rule: "callback.syntax", severity: .error, option: "callback_url",
                                    message: "expected an https:// URL, got one that \(error.reason)",
                                    hint: "write it as https://host/path"))
            return issues
        case .success(let value):
            parsed = value
        }
        if rules.httpsOnly, parsed.scheme != "https" {
            issues.append(RuleIssue(rule: "callback.https", severity: .error, option: "callback_url",
                                    message: "expected an https:// URL, got \(parsed.scheme)://; the API only calls HTTPS callbacks",
                                    hint: "serve the callback over HTTPS"))
        }
        if rules.forbidInternalHosts {
            switch parsed.hostAddress {
            case .internalIP(let address, let range):
                issues.append(RuleIssue(rule: "callback.private-address", severity: .error, option: "callback_url",
                                        message: "expected a public host, got \(address) in \(range); the API rejects internal addresses",
                                        hint: "use a public HTTPS endpoint (a tunnel works for local testing)"))
            case .loopbackName(let host):
                issues.append(RuleIssue(rule: "callback.private-address", severity: .error, option: "callback_url",
                                        message: "expected a public host, got \(host) (loopback); the API rejects internal addresses",
                                        hint: "use a public HTTPS endpoint (a tunnel works for local testing)"))
            case .internalName(let host):
                issues.append(RuleIssue(rule: "callback.internal-name", severity: .warning, option: "callback_url",
                                        message: "expected a public host name, got `\(host)`, which looks internal; the API must reach it from the internet",
                                        hint: "use a public HTTPS endpoint"))
            case .publicIP, .name:
                break
            }
        }
        return issues
    }
}
