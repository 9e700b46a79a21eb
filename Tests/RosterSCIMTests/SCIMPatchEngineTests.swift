import RosterSCIM
import Testing

@Suite struct SCIMPatchEngineTests {
    let base: [String: JSONValue] = [
        "userName": "bjensen", "active": true, "name": ["givenName": "Barbara", "familyName": "Jensen"],
        "emails": [["value": "bjensen@example.com", "type": "work", "primary": true]],
    ]

    private func apply(_ operations: [SCIMPatchOperation], mode: SCIMInputMode = .lenient, kind: SCIMResourceKind = .user,
                       to body: [String: JSONValue]? = nil) throws -> SCIMPatchEngine.Outcome {
        try SCIMPatchEngine(kind: kind, mode: mode).apply(operations, to: body ?? base)
    }

    @Test func entraRequestsParseWithCapitalisedOps() throws {
        let ops = try SCIMPatchOperation.parseRequest([
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [["op": "Replace", "path": "active", "value": "False"], ["op": "Add", "path": "title", "value": "x"]],
        ], mode: .lenient)
        #expect(ops.map(\.op) == [.replace, .add])
        #expect(throws: SCIMError.self) {
            try SCIMPatchOperation.parseRequest(["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                                                 "Operations": [["op": "Replace", "path": "active", "value": false]]], mode: .strict)
        }
    }

    @Test func simpleSubAttributeAndExtensionPaths() throws {
        let outcome = try apply([
            SCIMPatchOperation(op: .replace, path: "name.givenName", value: "Babs"),
            SCIMPatchOperation(op: .add, path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", value: "m1"),
            SCIMPatchOperation(op: .replace, path: "active", value: "False"),
            SCIMPatchOperation(op: .remove, path: "name.familyName"),
        ])
        #expect(outcome.body["name"] == ["givenName": "Babs"])
        #expect(outcome.body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] == ["manager": ["value": "m1"]])
        #expect(outcome.body["active"] == false)
    }

    @Test func valuePathsMatchAddAndRemove() throws {
        let outcome = try apply([
            SCIMPatchOperation(op: .replace, path: "emails[type eq \"work\"].value", value: "new@example.com"),
            SCIMPatchOperation(op: .replace, path: "emails[type eq \"home\"].value", value: "home@example.com"),
            SCIMPatchOperation(op: .add, path: "phoneNumbers", value: [["value": "1", "type": "work"], ["value": "2", "type": "mobile"]]),
            SCIMPatchOperation(op: .remove, path: "phoneNumbers[type eq \"work\"]"),
        ])
        let emails = outcome.body["emails"]?.arrayValue ?? []
        #expect(emails.count == 2)
        #expect(emails.first?[key: "value"] == "new@example.com")
        #expect(emails.last == ["type": "home", "value": "home@example.com"])
        #expect(outcome.body["phoneNumbers"] == [["value": "2", "type": "mobile"]])
        #expect(throws: SCIMError.self) {
            try apply([SCIMPatchOperation(op: .replace, path: "emails[type eq \"home\"].value", value: "h")], mode: .strict)
        }
    }

    @Test func pathlessReplaceWithDottedKeysAndUrns() throws {
        let outcome = try apply([SCIMPatchOperation(op: .replace, value: [
            "name.familyName": "J.", "displayName": "Babs",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": ["department": "Tour Operations"],
        ])])
        #expect(outcome.body["name"]?[key: "familyName"] == "J.")
        #expect(outcome.body["displayName"] == "Babs")
        #expect(outcome.body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]?[key: "department"] == "Tour Operations")
        #expect(throws: SCIMError.self) { try apply([SCIMPatchOperation(op: .replace, value: ["name.familyName": "J."])], mode: .strict) }
    }

    @Test func errorsAreTyped() throws {
        func scimType(_ op: SCIMPatchOperation) -> SCIMError.SCIMType? {
            do { _ = try apply([op]); return nil } catch { return (error as? SCIMError)?.scimType }
        }
        #expect(scimType(SCIMPatchOperation(op: .replace, path: "shoeSize", value: 1)) == .invalidPath)
        #expect(scimType(SCIMPatchOperation(op: .replace, path: "emails[type eq", value: 1)) == .invalidPath)
        #expect(scimType(SCIMPatchOperation(op: .replace, path: "groups", value: [])) == .mutability)
        #expect(scimType(SCIMPatchOperation(op: .replace, path: "active", value: "perhaps")) == .invalidValue)
        #expect(scimType(SCIMPatchOperation(op: .replace, path: "name", value: "x")) == .invalidValue)
    }

    @Test func groupMembersBecomeSetDeltas() throws {
        let outcome = try apply([
            SCIMPatchOperation(op: .add, path: "members", value: [["value": "a"], ["value": "b"]]),
            SCIMPatchOperation(op: .remove, path: "members", value: [["value": "c"]]),
            SCIMPatchOperation(op: .remove, path: "members[value eq \"d\" or value eq \"e\"]"),
            SCIMPatchOperation(op: .replace, value: ["displayName": "New", "members": [["value": "f"]]]),
            SCIMPatchOperation(op: .remove, path: "members"),
        ], kind: .group, to: ["displayName": "Old"])
        #expect(outcome.body == ["displayName": "New"])
        #expect(outcome.memberChanges == [.add(["a", "b"]), .remove(["c"]), .remove(["d", "e"]), .replace(["f"]), .removeAll])
    }

    @Test func normalizerCanonicalisesAndRejectsUnknowns() throws {
        let normalizer = SCIMResourceNormalizer(kind: .user)
        let body = try normalizer.normalize([
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "USERNAME": "x", "Active": "True",
            "emails": ["value": "a@example.com"], "id": "ignored", "groups": [["value": "ignored"]],
            "name": ["GIVENNAME": "A", "familyName": nil],
        ])
        #expect(body == ["userName": "x", "active": true, "emails": [["value": "a@example.com"]], "name": ["givenName": "A"]])
        #expect(throws: SCIMError.self) { try normalizer.normalize(["userName": "x", "shoeSize": 1]) }
        #expect(throws: SCIMError.self) { try normalizer.normalize(["userName": "x", "name": ["nick": "y"]]) }
        #expect(throws: SCIMError.self) { try normalizer.normalize(["userName": "x", "schemas": ["urn:example:unknown"]]) }
        #expect(throws: SCIMError.self) { try SCIMResourceNormalizer(kind: .user, mode: .strict).normalize(["userName": "x", "active": "True"]) }
    }
}
