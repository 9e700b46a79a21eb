import RosterCore

/// The attributes of a canonical SCIM user body that Roster keeps in account columns (so the rest of Roster, the
/// indexes and the uniqueness rules see them), checked against Roster's userName and email rules.
public struct SCIMUserFields: Sendable, Hashable {
    public var userName: String
    public var displayName: String?
    public var givenName: String?
    public var familyName: String?
    public var emails: [AccountEmail]
    public var active: Bool?
    public var externalId: String?
    /// A clear-text password from the request (writeOnly); never stored in the body.
    public var password: String?

    /// Reads the fields; the body loses `password` (write-only, kept only as a hash). `active` stays in the body
    /// as the client set it (absent when the client never set it or removed it); the column is what counts.
    public static func extract(from body: inout [String: JSONValue]) throws(SCIMError) -> SCIMUserFields {
        guard let userName = body["userName"]?.stringValue?.trimmingCharacters(in: .whitespaces), !userName.isEmpty else {
            throw .invalidValue("'userName' is required")
        }
        do {
            try UserNamePolicy.validate(userName)
        } catch {
            throw .invalidValue("'userName': \(error.message)")
        }
        let name = body["name"]?.objectValue
        var emails: [AccountEmail] = []
        var seen: Set<String> = []
        for value in body["emails"]?.arrayValue ?? [] {
            guard let address = value[key: "value"]?.stringValue else { continue }
            do {
                try EmailPolicy.validate(address.trimmingCharacters(in: .whitespaces))
            } catch {
                throw .invalidValue("'emails': \(error.message)")
            }
            guard seen.insert(EmailPolicy.key(for: address)).inserted else { continue }
            emails.append(AccountEmail(
                value: EmailPolicy.normalized(address), type: value[key: "type"]?.stringValue,
                primary: value[key: "primary"]?.boolValue ?? false, verified: true  // the client asserts them
            ))
        }
        if !emails.isEmpty, !emails.contains(where: \.primary) { emails[0].primary = true }
        let password = body.removeValue(forKey: "password")?.stringValue
        let active = body["active"]?.boolValue
        return SCIMUserFields(
            userName: userName, displayName: body["displayName"]?.stringValue,
            givenName: name?["givenName"]?.stringValue, familyName: name?["familyName"]?.stringValue,
            emails: emails, active: active, externalId: body["externalId"]?.stringValue, password: password
        )
    }

    /// Writes the fields into an account (identity, source and role untouched).
    public func apply(to account: inout Account) {
        account.userName = userName
        account.displayName = displayName
        account.givenName = givenName
        account.familyName = familyName
        account.emails = emails
        account.externalId = externalId
    }
}
