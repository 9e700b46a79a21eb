/// Finds the line of every key path in an old-style (OpenStep/ASCII) property list.
enum OpenStepLineLocator {
    struct Token {
        enum Kind: Equatable { case symbol(Character), string }
        var kind: Kind
        var text: String
        var line: Int
    }

    static func lines(in text: String) -> [String: Int] {
        var walker = Walker(tokens: tokenize(text))
        walker.value(path: "")
        return walker.lines
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var index = 0
        var line = 1
        while index < chars.count {
            let char = chars[index]
            if char == "\n" { line += 1; index += 1; continue }
            if char.isWhitespace { index += 1; continue }
            if char == "/", index + 1 < chars.count, chars[index + 1] == "/" {
                while index < chars.count, chars[index] != "\n" { index += 1 }
                continue
            }
            if char == "/", index + 1 < chars.count, chars[index + 1] == "*" {
                index += 2
                while index + 1 < chars.count, !(chars[index] == "*" && chars[index + 1] == "/") {
                    if chars[index] == "\n" { line += 1 }
                    index += 1
                }
                index += 2
                continue
            }
            if "{}()=;,".contains(char) {
                tokens.append(Token(kind: .symbol(char), text: String(char), line: line))
                index += 1
                continue
            }
            let start = line
            var value = ""
            if char == "\"" || char == "<" {
                let close: Character = char == "\"" ? "\"" : ">"
                index += 1
                while index < chars.count, chars[index] != close {
                    if chars[index] == "\\", index + 1 < chars.count { index += 1 }
                    if chars[index] == "\n" { line += 1 }
                    value.append(chars[index])
                    index += 1
                }
                index += 1
            } else {
                while index < chars.count, !chars[index].isWhitespace, !"{}()=;,\"".contains(chars[index]) {
                    value.append(chars[index])
                    index += 1
                }
            }
            tokens.append(Token(kind: .string, text: value, line: start))
        }
        return tokens
    }

    struct Walker {
        let tokens: [Token]
        var position = 0
        var lines: [String: Int] = [:]

        init(tokens: [Token]) { self.tokens = tokens }

        var current: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func value(path: String) {
            guard let token = current else { return }
            position += 1
            switch token.kind {
            case .symbol("{"):
                while let key = current, key.kind == .string {
                    position += 1
                    let keyPath = path.isEmpty ? key.text : "\(path).\(key.text)"
                    lines[keyPath] = key.line
                    guard current?.kind == .symbol("=") else { return }
                    position += 1
                    value(path: keyPath)
                    if current?.kind == .symbol(";") { position += 1 }
                }
                if current?.kind == .symbol("}") { position += 1 }
            case .symbol("("):
                var index = 0
                while let element = current, element.kind != .symbol(")") {
                    lines["\(path)[\(index)]"] = element.line
                    value(path: "\(path)[\(index)]")
                    index += 1
                    if current?.kind == .symbol(",") { position += 1 } else { break }
                }
                if current?.kind == .symbol(")") { position += 1 }
            default:
                break
            }
        }
    }
}
