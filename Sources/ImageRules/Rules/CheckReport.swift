import Foundation

/// The result of checking one bundle, rendered for people (`text`), programs (`json`), CI test reports
/// (`junit`) or GitHub Actions annotations (`github`).
public struct CheckReport: Sendable {
    /// Something that was checked: a file/URL or a request option. A file sent both as an image and as the
    /// mask is one subject with both scopes.
    public struct Subject: Sendable, Hashable {
        /// The path/URL, or the option name.
        public var name: String
        /// What the subject was checked as (one scope, or image and mask for a file used as both).
        public var scopes: [RuleCatalog.Scope]

        public init(name: String, scope: RuleCatalog.Scope) {
            self.name = name
            self.scopes = [scope]
        }

        /// Whether this is an option rather than a file.
        public var isOption: Bool { scopes == [.option] }
        /// How the subject is printed: the path, or "option NAME".
        public var label: String { isOption ? "option \(name)" : name }
    }

    /// The model the bundle was checked against.
    public var model: String
    /// The issues, with warnings already turned into errors when `strict`.
    public var issues: [RuleIssue]
    /// What was checked, in report order (images, mask, then options).
    public var subjects: [Subject]
    /// Whether warnings were counted as errors.
    public var strict: Bool

    /// A report of `issues` found in `bundle`; `strict` turns warnings into errors.
    public init(bundle: BundleManifest, issues: [RuleIssue], strict: Bool = false) {
        self.model = bundle.model
        self.strict = strict
        self.issues = strict ? issues.map { var i = $0; i.severity = .error; return i } : issues
        var subjects: [Subject] = []
        func add(_ name: String, _ scope: RuleCatalog.Scope) {
            if let i = subjects.firstIndex(where: { $0.name == name && !$0.isOption }) {
                if !subjects[i].scopes.contains(scope) { subjects[i].scopes.append(scope) }
            } else {
                subjects.append(Subject(name: name, scope: scope))
            }
        }
        for input in bundle.sentImages { add(input.description, input.isRemote ? .imageURL : .imageFile) }
        if let mask = bundle.sentMask { add(mask.description, mask.isRemote ? .maskURL : .maskFile) }
        var options = ["model", "images", "prompt"]
        if bundle.n != nil { options.append("n") }
        if bundle.size != nil { options.append("size") }
        if bundle.callbackURL != nil { options.append("callback_url") }
        subjects += options.map { Subject(name: $0, scope: .option) }
        // Any issue whose subject is not listed (defensive) still gets a group.
        for issue in self.issues where !subjects.contains(where: { Self.matches(issue, $0) }) {
            subjects.append(issue.file.map { Subject(name: $0, scope: .imageFile) } ?? Subject(name: issue.option ?? "bundle", scope: .option))
        }
        self.subjects = subjects
    }

    public var errorCount: Int { issues.count { $0.severity == .error } }
    public var warningCount: Int { issues.count { $0.severity == .warning } }
    /// True when there are no errors (after `strict`).
    public var ok: Bool { errorCount == 0 }

    /// The issues about `subject`.
    public func issues(for subject: Subject) -> [RuleIssue] { issues.filter { Self.matches($0, subject) } }

    static func matches(_ issue: RuleIssue, _ subject: Subject) -> Bool {
        subject.isOption ? (issue.file == nil && issue.option == subject.name) : issue.file == subject.name
    }

    // MARK: - Text

    /// Human-readable text grouped by file; clean subjects are listed as "ok".
    public func text() -> String {
        var out = ""
        for subject in subjects {
            let found = issues(for: subject)
            if found.isEmpty {
                if !subject.isOption { out += "\(subject.label): ok\n" }
                continue
            }
            out += "\(subject.label):\n"
            for issue in found.sorted(by: { $0.severity < $1.severity }) {
                out += "  \(issue.severity.rawValue.padding(7)) \(issue.rule.padding(24)) \(issue.message)\n"
                if let hint = issue.hint { out += "  \("".padding(7)) \("".padding(24)) hint: \(hint)\n" }
            }
        }
        let summary = "\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")"
        out += ok ? "ok for \(model): \(summary)\n" : "FAILED for \(model): \(summary)\n"
        return out
    }

    // MARK: - JSON

    /// `{"ok": Bool, "model": String, "strict": Bool, "errors": Int, "warnings": Int,
    ///   "issues": [{"rule", "severity", "file" | "option", "message", "hint"}]}`, keys sorted.
    public func json() -> [UInt8] {
        let list: [[String: Any]] = issues.map { issue in
            var entry: [String: Any] = ["rule": issue.rule, "severity": issue.severity.rawValue, "message": issue.message,
                                        "hint": issue.hint.map { $0 as Any } ?? NSNull()]
            if let file = issue.file { entry["file"] = file } else { entry["option"] = issue.option ?? "bundle" }
            return entry
        }
        let root: [String: Any] = ["ok": ok, "model": model, "strict": strict, "errors": errorCount,
                                   "warnings": warningCount, "issues": list]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data) + [UInt8(ascii: "\n")]
    }

    // MARK: - JUnit

    /// JUnit XML: one `<testcase>` per checked subject and applicable rule (classname = the file or
    /// "option NAME", name = the rule id). Errors are `<failure>`s; warnings pass with the text in `<system-out>`.
    public func junit() -> String {
        var cases: [(subject: Subject, rule: String, found: [RuleIssue])] = []
        for subject in subjects {
            let found = issues(for: subject)
            var ruleIDs = subject.scopes.flatMap { RuleCatalog.rules(for: $0, option: subject.isOption ? subject.name : nil).map(\.id) }
            for issue in found where !ruleIDs.contains(issue.rule) { ruleIDs.append(issue.rule) }
            var seen = Set<String>()
            for id in ruleIDs where seen.insert(id).inserted {
                cases.append((subject, id, found.filter { $0.rule == id }))
            }
        }
        let failures = cases.count { $0.found.contains { $0.severity == .error } }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"imageprep check\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        xml += "  <testsuite name=\"\(Self.xml("imageprep check (\(model))"))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for c in cases {
            let open = "    <testcase classname=\"\(Self.xml(c.subject.label))\" name=\"\(Self.xml(c.rule))\""
            if c.found.isEmpty {
                xml += open + "/>\n"
                continue
            }
            xml += open + ">\n"
            let errors = c.found.filter { $0.severity == .error }
            let warnings = c.found.filter { $0.severity == .warning }
            for issue in errors {
                let body = issue.message + (issue.hint.map { "\nhint: \($0)" } ?? "")
                xml += "      <failure type=\"\(Self.xml(issue.rule))\" message=\"\(Self.xml(issue.message))\">\(Self.xml(body))</failure>\n"
            }
            if !warnings.isEmpty {
                let body = warnings.map { "warning: \($0.message)" + ($0.hint.map { "\nhint: \($0)" } ?? "") }.joined(separator: "\n")
                xml += "      <system-out>\(Self.xml(body))</system-out>\n"
            }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// Escapes text for XML 1.0 attributes and content, dropping characters XML cannot carry.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: - GitHub

    /// GitHub Actions workflow commands, one line per issue:
    /// `::error file=photo.jpg,title=image.bytes::expected at most …` (options have no `file`).
    public func github() -> String {
        var out = ""
        for issue in issues {
            var properties: [String] = []
            if let file = issue.file, !file.contains("://") { properties.append("file=\(Self.githubProperty(file))") }
            properties.append("title=\(Self.githubProperty(issue.rule))")
            let subject = issue.file.map { $0.contains("://") ? "\($0): " : "" } ?? "option \(issue.option ?? "bundle"): "
            let message = subject + issue.message + (issue.hint.map { "\nhint: \($0)" } ?? "")
            out += "::\(issue.severity == .error ? "error" : "warning") \(properties.joined(separator: ","))::\(Self.githubData(message))\n"
        }
        return out
    }

    /// Escapes a workflow command's message.
    static func githubData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a workflow command's property value.
    static func githubProperty(_ text: String) -> String {
        githubData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
