import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Finds the line of every key path in an XML property list (`<key>` lines; array elements by their start tag).
enum XMLLineLocator {
    static func lines(in data: Data) -> [String: Int] {
        let parser = XMLParser(data: data)
        let delegate = Delegate()
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.lines
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        enum Container {
            case dictionary(path: String, pendingKey: String?)
            case array(path: String, index: Int)
        }

        var lines: [String: Int] = [:]
        var stack: [Container] = []
        var text = ""
        var keyLine = 0
        let valueElements: Set<String> = ["dict", "array", "string", "integer", "real", "true", "false", "date", "data"]

        /// The path of a value that starts now in the current container (and advances array indexes).
        func pathForNewValue(line: Int) -> String? {
            guard let top = stack.last else { return "" }
            switch top {
            case .dictionary(let path, let key):
                guard let key else { return nil }
                stack[stack.count - 1] = .dictionary(path: path, pendingKey: nil)
                return path.isEmpty ? key : "\(path).\(key)"
            case .array(let path, let index):
                stack[stack.count - 1] = .array(path: path, index: index + 1)
                let elementPath = "\(path)[\(index)]"
                lines[elementPath] = line
                return elementPath
            }
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            text = ""
            if name == "key" {
                keyLine = parser.lineNumber
                return
            }
            guard valueElements.contains(name), let path = pathForNewValue(line: parser.lineNumber) else { return }
            if name == "dict" { stack.append(.dictionary(path: path, pendingKey: nil)) }
            if name == "array" { stack.append(.array(path: path, index: 0)) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "key":
                if case .dictionary(let path, _) = stack.last {
                    stack[stack.count - 1] = .dictionary(path: path, pendingKey: text)
                    lines[path.isEmpty ? text : "\(path).\(text)"] = keyLine
                }
            case "dict", "array":
                _ = stack.popLast()
            default:
                break
            }
        }
    }
}
