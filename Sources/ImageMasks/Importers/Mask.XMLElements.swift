import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension Mask {
    /// A flat list of XML start tags with their attributes and their ancestors' names, read with Foundation's
    /// `XMLParser` (libxml2 on Linux; external entities are not resolved).
    struct XMLElements {
        struct Element {
            var name: String
            var attributes: [String: String]
            /// Names of the enclosing elements, outermost first.
            var ancestors: [String]
            /// Text directly inside the element (trimmed), for small elements such as `<version>`.
            var text: String
            /// Index of the nearest enclosing element in `elements`, or -1.
            var parent: Int
        }

        var elements: [Element] = []

        static func parse(_ bytes: [UInt8], format: ImportFormat) throws(ImportError) -> XMLElements {
            // FoundationXML traps (in _NSXMLParserStartElementNs) on element or attribute names that are not
            // valid UTF-8; found by the fuzz targets. Refuse such files before the parser sees them.
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw ImportError(format: format, message: "not well-formed XML", details: "the file is not valid UTF-8")
            }
            let collector = Collector()
            let parser = XMLParser(data: Data(bytes))
            parser.shouldResolveExternalEntities = false
            parser.shouldProcessNamespaces = false
            parser.delegate = collector
            let ok = parser.parse()
            guard ok, collector.failure == nil else {
                let line = parser.lineNumber
                let why = collector.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
                throw ImportError(format: format, message: "not well-formed XML", details: "line \(line): \(why)")
            }
            return XMLElements(elements: collector.elements)
        }

        final class Collector: NSObject, XMLParserDelegate {
            var elements: [Element] = []
            var stack: [Int] = []
            var failure: String?

            func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
                guard stack.count < 256, elements.count < 5_000_000 else {
                    failure = "too deeply nested or too many elements"
                    parser.abortParsing()
                    return
                }
                let name = elementName.split(separator: ":").last.map(String.init) ?? elementName
                elements.append(Element(name: name, attributes: attributeDict,
                                        ancestors: stack.map { elements[$0].name }, text: "", parent: stack.last ?? -1))
                stack.append(elements.count - 1)
            }

            func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
                if let i = stack.popLast() {
                    elements[i].text = elements[i].text.trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }

            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if let i = stack.last, elements[i].text.utf8.count < 4096 { elements[i].text += string }
            }
        }
    }
}
