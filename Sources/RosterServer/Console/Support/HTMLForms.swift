/// Form and table pieces of the console pages. Labels are always tied to their inputs (`label for`).
extension HTML {
    /// The hidden CSRF field every state-changing form carries.
    static func csrf(_ token: String) -> String {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(token.html)\">"
    }

    /// A POST form with only a button (deactivate, revoke …), plus `extra` hidden fields.
    static func buttonForm(id: String?, action: String, csrf token: String, buttonID: String?, label: String,
                           danger: Bool = false, extra: String = "") -> String {
        let formID = id.map { " id=\"\($0.html)\"" } ?? ""
        let buttonIDAttr = buttonID.map { " id=\"\($0.html)\"" } ?? ""
        let classes = danger ? " class=\"danger\"" : ""
        return """
            <form\(formID) class="inline" method="post" action="\(action.html)">\(csrf(token))\(extra)\
            <button type="submit"\(buttonIDAttr)\(classes)>\(label.html)</button></form>
            """
    }

    static func input(id: String, name: String, label: String, value: String = "", type: String = "text",
                      required: Bool = false, autocomplete: String? = nil) -> String {
        let auto = autocomplete.map { " autocomplete=\"\($0.html)\"" } ?? ""
        return """
            <div class="field"><label for="\(id.html)">\(label.html)</label>\
            <input id="\(id.html)" name="\(name.html)" type="\(type.html)" value="\(value.html)"\(required ? " required" : "")\(auto)></div>
            """
    }

    /// A select of `(value, text)` options.
    static func select(id: String, name: String, label: String, options: [(String, String)], selected: String?) -> String {
        let items = options.map { value, text in
            "<option value=\"\(value.html)\"\(value == selected ? " selected" : "")>\(text.html)</option>"
        }.joined()
        return """
            <div class="field"><label for="\(id.html)">\(label.html)</label><select id="\(id.html)" name="\(name.html)">\(items)</select></div>
            """
    }

    /// A table with column headers (`th scope="col"`) and rows already rendered as `<tr>…</tr>`.
    static func table(id: String, caption: String, headers: [String], rows: [String], empty: String) -> String {
        let head = headers.map { "<th scope=\"col\">\($0.html)</th>" }.joined()
        let body = rows.isEmpty ? "<tr><td colspan=\"\(headers.count)\">\(empty.html)</td></tr>" : rows.joined(separator: "\n")
        return """
            <div class="table-wrap"><table id="\(id.html)"><caption>\(caption.html)</caption>
            <thead><tr>\(head)</tr></thead><tbody>
            \(body)
            </tbody></table></div>
            """
    }

    /// A table cell with its column's name for the stacked narrow-screen layout.
    static func cell(_ column: String, _ content: String) -> String {
        "<td data-label=\"\(column.html)\">\(content)</td>"
    }
}
