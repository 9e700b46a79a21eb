import Foundation
import RosterCore

extension SyncReport {
    /// The report as compact JSON with sorted keys, written directly: a first import of 100,000 accounts lists
    /// 100,000 changes, and going through `JSONEncoder`'s intermediate tree costs more memory than the rest of the run.
    /// Decodes with `JSONDecoder` into ``SyncReport`` (dates ISO 8601).
    public func compactJSON() -> String {
        var out = JSONWriter()
        out.object { object in
            if let changeMethod { object.field("changeMethod") { $0.string(changeMethod) } }
            object.field("changes") { out in
                out.array(changes) { out, change in
                    out.object { object in
                        object.field("action") { $0.string(change.action) }
                        if let anchor = change.anchor { object.field("anchor") { $0.string(anchor) } }
                        if let fields = change.changes {
                            object.field("changes") { out in
                                out.array(fields) { out, field in
                                    out.object { object in
                                        if let after = field.after { object.field("after") { $0.string(after) } }
                                        if let before = field.before { object.field("before") { $0.string(before) } }
                                        object.field("field") { $0.string(field.field) }
                                    }
                                }
                            }
                        }
                        if let id = change.id { object.field("id") { $0.string(id) } }
                        if let reason = change.reason { object.field("reason") { $0.string(reason) } }
                        object.field("userName") { $0.string(change.userName) }
                    }
                }
            }
            object.field("conflicts") { out in
                out.array(conflicts) { out, conflict in
                    out.object { object in
                        object.field("anchor") { $0.string(conflict.anchor) }
                        if let id = conflict.existingAccountID { object.field("existingAccountID") { $0.string(id.lowercasedText) } }
                        if let source = conflict.existingSource { object.field("existingSource") { $0.string(source) } }
                        object.field("reason") { $0.string(conflict.reason) }
                        object.field("userName") { $0.string(conflict.userName) }
                    }
                }
            }
            object.field("counts") { out in
                out.object { object in
                    for key in counts.keys.sorted() { object.field(key) { $0.raw(String(counts[key] ?? 0)) } }
                }
            }
            object.field("dryRun") { $0.raw(dryRun ? "true" : "false") }
            object.field("durationSeconds") { $0.raw(String(durationSeconds)) }
            if let error { object.field("error") { $0.string(error) } }
            object.field("finishedAt") { $0.string(finishedAt.formatted(.iso8601)) }
            object.field("holds") { out in out.array(holds) { $0.string($1) } }
            object.field("incompleteReasons") { out in out.array(incompleteReasons) { $0.string($1) } }
            object.field("mode") { $0.string(mode) }
            if let notes, !notes.isEmpty { object.field("notes") { out in out.array(notes) { $0.string($1) } } }
            object.field("refusals") { out in out.array(refusals) { $0.string($1) } }
            object.field("source") { $0.string(source) }
            object.field("startedAt") { $0.string(startedAt.formatted(.iso8601)) }
            object.field("status") { $0.string(status.rawValue) }
            object.field("warnings") { out in out.array(warnings) { $0.string($1) } }
        }
        return out.text
    }
}

/// A minimal streaming JSON writer (RFC 8259 string escaping).
struct JSONWriter {
    var text = ""

    mutating func raw(_ value: String) { text += value }

    mutating func string(_ value: String) {
        JSONText.appendString(value, to: &text)
    }

    mutating func array<T>(_ items: [T], _ element: (inout JSONWriter, T) -> Void) {
        text += "["
        for (index, item) in items.enumerated() {
            if index > 0 { text += "," }
            element(&self, item)
        }
        text += "]"
    }

    mutating func object(_ body: (inout ObjectWriter) -> Void) {
        // Move the text into the object writer and back, so the (large) string is never copied.
        var object = ObjectWriter(writer: JSONWriter())
        swap(&object.writer.text, &text)
        object.writer.text += "{"
        body(&object)
        object.writer.text += "}"
        swap(&object.writer.text, &text)
    }

    /// Writes the fields of one object; call `field` in sorted key order.
    struct ObjectWriter {
        var writer: JSONWriter
        var first = true

        mutating func field(_ key: String, _ value: (inout JSONWriter) -> Void) {
            if !first { writer.text += "," }
            first = false
            writer.string(key)
            writer.text += ":"
            value(&writer)
        }
    }
}
