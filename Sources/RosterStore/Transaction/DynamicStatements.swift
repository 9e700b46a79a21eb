import GRDB

/// Prepared statements for SQL that is built per request (SCIM filters become SQL text with bound values), kept
/// per connection and bounded: a client repeating `userName eq "…"` reuses one statement instead of having SQLite
/// parse and plan the query every time (that was about 40% of a filtered list's CPU), while a client sending
/// endless different filter shapes cannot grow the cache (GRDB's own statement cache never forgets).
final class DynamicStatements {
    private var statements: [String: Statement] = [:]
    private var order: [String] = []
    private let capacity: Int

    init(capacity: Int = 128) { self.capacity = capacity }

    func statement(_ db: Database, sql: String) throws -> Statement {
        if let statement = statements[sql] { return statement }
        let statement = try db.makeStatement(sql: sql)
        if order.count >= capacity {
            statements[order.removeFirst()] = nil
        }
        statements[sql] = statement
        order.append(sql)
        return statement
    }
}
