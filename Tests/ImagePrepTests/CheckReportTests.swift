import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ImagePrep
@testable import ImageRules

/// Collects JUnit test cases (classname, name, failure?) from parsed XML.
final class JUnitCollector: NSObject, XMLParserDelegate {
    struct Case: Hashable { var classname: String; var name: String; var failed: Bool; var output: String }
    var cases: [Case] = []
    var suiteAttributes: [String: String] = [:]
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        text = ""
        switch name {
        case "testsuite": suiteAttributes = attributes
        case "testcase": cases.append(Case(classname: attributes["classname"] ?? "", name: attributes["name"] ?? "", failed: false, output: ""))
        case "failure": cases[cases.count - 1].failed = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "system-out" || name == "failure" { cases[cases.count - 1].output += text }
    }
}

@Suite struct CheckReportTests {
    /// A bundle with one error on an option, one warning on a URL and a clean image, plus awkward characters.
    static func sample() -> (BundleManifest, [RuleIssue]) {
        var b = cleanBundle(images: [.url("https://cdn.example.com/a.png"), .url("https://fileserver.local/b&c<d>.png")])
        b.n = 3
        b.prompt = "say \"hi\" <now> & 100%\nthen: stop, ok"
        return (b, BundleRules.check(b))
    }

    @Test func jsonParsesBackWithEveryField() throws {
        let (bundle, issues) = Self.sample()
        #expect(Set(issues.map(\.rule)) == ["n.allowed", "image.url-host"])
        let report = CheckReport(bundle: bundle, issues: issues)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(report.json())) as? [String: Any])
        #expect(root["ok"] as? Bool == false)
        #expect(root["model"] as? String == "gpt-4o-image")
        #expect(root["errors"] as? Int == 1 && root["warnings"] as? Int == 1)
        let list = try #require(root["issues"] as? [[String: Any]])
        #expect(list.count == 2)
        let byRule = Dictionary(uniqueKeysWithValues: list.map { ($0["rule"] as? String ?? "", $0) })
        let n = try #require(byRule["n.allowed"])
        #expect(n["severity"] as? String == "error" && n["option"] as? String == "n" && n["file"] == nil)
        #expect((n["message"] as? String)?.hasPrefix("expected n to be 1, 2 or 4") == true)
        #expect(n["hint"] as? String == "ask for n = 2")
        let host = try #require(byRule["image.url-host"])
        #expect(host["severity"] as? String == "warning" && host["file"] as? String == "https://fileserver.local/b&c<d>.png")
    }

    @Test func strictJSONCountsWarningsAsErrors() throws {
        let (bundle, issues) = Self.sample()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(CheckReport(bundle: bundle, issues: issues, strict: true).json())) as? [String: Any])
        #expect(root["errors"] as? Int == 2 && root["warnings"] as? Int == 0 && root["strict"] as? Bool == true)
    }

    @Test func junitIsValidXMLWithOneCasePerSubjectAndRule() throws {
        let (bundle, issues) = Self.sample()
        let xml = CheckReport(bundle: bundle, issues: issues).junit()
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(xml)")
        let cases = collector.cases
        // No duplicate (subject, rule) pairs.
        #expect(Set(cases.map { "\($0.classname)|\($0.name)" }).count == cases.count)
        let urlRules = RuleCatalog.rules(for: .imageURL).map(\.id)
        #expect(cases.filter { $0.classname == "https://cdn.example.com/a.png" }.map(\.name) == urlRules)
        let failed = cases.filter(\.failed)
        #expect(failed.map(\.classname) == ["option n"] && failed.map(\.name) == ["n.allowed"])
        let warned = try #require(cases.first { $0.name == "image.url-host" && $0.classname.hasPrefix("https://fileserver") })
        #expect(!warned.failed && warned.output.hasPrefix("warning: expected a public host name"))
        #expect(collector.suiteAttributes["failures"] == "1" && collector.suiteAttributes["tests"] == String(cases.count))
        #expect(cases.contains { $0.classname == "option prompt" && $0.name == "prompt.length" && !$0.failed })
        #expect(cases.contains { $0.classname == "option callback_url" && $0.name == "callback.https" })
    }

    @Test func junitEscapesEverything() throws {
        let issue = RuleIssue(rule: "x.y", severity: .error, file: "a\"b'<c>&d\u{1}.png", message: "m & <n>", hint: "h\n\"q\"")
        let bundle = BundleManifest(images: [.file("a\"b'<c>&d\u{1}.png")])
        let xml = CheckReport(bundle: bundle, issues: [issue]).junit()
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        #expect(parser.parse())
        let failed = try #require(collector.cases.first { $0.failed })
        #expect(failed.classname == "a\"b'<c>&d.png" && failed.name == "x.y")
        #expect(failed.output == "m & <n>\nhint: h\n\"q\"")
    }

    @Test func aFileSentAsImageAndMaskIsOneSubject() throws {
        let file = "/nonexistent/imageprep/same.png"
        let bundle = cleanBundle(images: [.file(file), .file(file)], mask: .file(file))
        let report = CheckReport(bundle: bundle, issues: BundleRules.check(bundle))
        let fileSubjects = report.subjects.filter { !$0.isOption }
        #expect(fileSubjects.map(\.name) == [file])
        #expect(fileSubjects.first?.scopes == [.imageFile, .maskFile])
        #expect(report.text().components(separatedBy: "\(file):\n").count == 2)  // one group
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(report.junit().utf8))
        parser.delegate = collector
        #expect(parser.parse())
        #expect(Set(collector.cases.map { "\($0.classname)|\($0.name)" }).count == collector.cases.count)
        #expect(collector.cases.contains { $0.classname == file && $0.name == "mask.alpha" })
        #expect(collector.cases.contains { $0.classname == file && $0.name == "image.bytes" && $0.failed == false })
    }

    @Test func githubAnnotationsAreOneLineEach() {
        let (bundle, issues) = Self.sample()
        let lines = CheckReport(bundle: bundle, issues: issues).github().split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.contains { $0.hasPrefix("::error title=n.allowed::option n: expected n to be 1, 2 or 4") && $0.contains("%0Ahint: ask for n = 2") })
        #expect(lines.contains { $0.hasPrefix("::warning title=image.url-host::https://fileserver.local/b&c<d>.png: expected") })
        let fileIssue = RuleIssue(rule: "image.bytes", severity: .error, file: "dir/a,b:c.png", message: "100% big")
        let line = CheckReport(bundle: BundleManifest(), issues: [fileIssue]).github()
        #expect(line == "::error file=dir/a%2Cb%3Ac.png,title=image.bytes::100%25 big\n")
    }

    @Test func textGroupsByFileAndEndsWithASummary() {
        let (bundle, issues) = Self.sample()
        let text = CheckReport(bundle: bundle, issues: issues).text()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "https://cdn.example.com/a.png: ok")
        #expect(lines.contains("https://fileserver.local/b&c<d>.png:"))
        #expect(lines.contains("option n:"))
        #expect(lines.contains { $0.hasPrefix("  error   n.allowed") })
        #expect(lines.last == "FAILED for gpt-4o-image: 1 error, 1 warning")
        #expect(CheckReport(bundle: cleanBundle(), issues: []).text().hasSuffix("ok for gpt-4o-image: 0 errors, 0 warnings\n"))
    }
}
