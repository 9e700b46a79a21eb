import RosterSCIM
import Testing

@Suite struct SCIMFilterParserTests {
    private func parse(_ text: String, lenient: Bool = true) throws -> SCIMFilter {
        var options = SCIMFilterParser.Options()
        options.lenient = lenient
        return try SCIMFilterParser.parseFilter(text, options: options)
    }

    private func path(_ name: String, _ sub: String? = nil) -> SCIMAttributePath { SCIMAttributePath(attribute: name, subAttribute: sub) }

    @Test(arguments: SCIMCompareOperator.allCases)
    func everyOperatorInAnyCase(_ op: SCIMCompareOperator) throws {
        #expect(try parse("userName \(op.rawValue.uppercased()) \"x\"") == .compare(path("userName"), op, .string("x")))
    }

    @Test func precedenceAndGrouping() throws {
        let a = SCIMFilter.compare(path("a"), .eq, .number(1))
        let b = SCIMFilter.compare(path("b"), .eq, .number(2))
        let c = SCIMFilter.compare(path("c"), .eq, .number(3))
        #expect(try parse("a eq 1 or b eq 2 and c eq 3") == .or(a, .and(b, c)))
        #expect(try parse("(a eq 1 or b eq 2) and c eq 3") == .and(.or(a, b), c))
        #expect(try parse("a eq 1 and not (b eq 2) Or c eq 3") == .or(.and(a, .not(b)), c))
        #expect(try parse("a eq 1 and b eq 2 and c eq 3") == .and(.and(a, b), c))
    }

    @Test(arguments: [
        "userName Eq \"john\"", "title pr", "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
        "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
        "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
        "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
        "name.familyName co \"O'Malley\"", "userName sw \"J\"", "meta.resourceType eq \"User\"",
        "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName co \"O'Malley\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"",
    ])
    func rfcExamplesParseAndRoundTrip(_ text: String) throws {
        let filter = try parse(text)
        #expect(try parse(filter.description) == filter)
    }

    @Test func urnPrefixesSplitAtTheSchema() throws {
        let filter = try parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"m\"")
        #expect(filter == .compare(SCIMAttributePath(schemaURN: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                                                     attribute: "manager", subAttribute: "value"), .eq, .string("m")))
    }

    @Test func valuesAndEscapes() throws {
        #expect(try parse("a eq \"q\\\"u\\\\o\\u00e9\\ud83d\\ude00\"") == .compare(path("a"), .eq, .string("q\"u\\oé😀")))
        #expect(try parse("a eq -1.5e2") == .compare(path("a"), .eq, .number(-150)))
        #expect(try parse("a eq true") == .compare(path("a"), .eq, .bool(true)))
        #expect(try parse("a eq null") == .compare(path("a"), .eq, .null))
    }

    @Test func entraUnquotedValuesOnlyWhenLenient() throws {
        #expect(try parse("externalId eq 9c4e-8a1f") == .compare(path("externalId"), .eq, .string("9c4e-8a1f")))
        #expect(throws: SCIMFilterError.self) { try parse("externalId eq 9c4e-8a1f", lenient: false) }
    }

    @Test(arguments: [
        "", "   ", "userName", "userName eq", "userName xx \"a\"", "(userName eq \"a\"", "userName eq \"a\")",
        "userName eq \"a\" and", "not userName eq \"a\"", "emails[type eq \"work\"", "emails[type eq \"w\"]]",
        "a[b[c eq 1]]", "userName pr \"x\"", "userName eq \"unterminated", "1abc eq 1", "a..b eq 1",
        "userName eq \"a\" garbage",
    ])
    func malformedFiltersAreInvalidFilter(_ text: String) {
        #expect(throws: SCIMFilterError.self) { try parse(text, lenient: false) }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "(", count: 60) + "a eq 1" + String(repeating: ")", count: 60)
        #expect(throws: SCIMFilterError.self) { try parse(deep) }
    }

    @Test func patchPaths() throws {
        let members = try SCIMFilterParser.parsePath("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]")
        #expect(members.attribute.attribute == "members")
        #expect(members.valueFilter == .compare(path("value"), .eq, .string("2819c223-7f76-453a-919d-413861904646")))
        let sub = try SCIMFilterParser.parsePath("emails[type eq \"work\"].value")
        #expect(sub.subAttribute == "value")
        #expect(try SCIMFilterParser.parsePath("name.familyName").attribute == path("name", "familyName"))
        let manager = try SCIMFilterParser.parsePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value")
        #expect(manager.attribute.schemaURN == "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        #expect(manager.attribute.subAttribute == "value")
        #expect(try SCIMFilterParser.parsePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").isBareSchemaURN)
        for bad in ["", "emails[type eq", "]", "a..b", "emails[type eq \"w\"].", "name.given.name"] {
            #expect(throws: SCIMFilterError.self, "\(bad)") { try SCIMFilterParser.parsePath(bad) }
        }
    }

    @Test func evaluatorSemantics() throws {
        let user: JSONValue = [
            "userName": "Bjensen", "title": "",
            "emails": [["value": "bjensen@example.com", "type": "work"], ["value": "babs@jensen.org", "type": "home"]],
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": ["employeeNumber": "701984"],
        ]
        let evaluator = SCIMFilterEvaluator { $0.attribute == "externalId" }
        func matches(_ text: String) throws -> Bool { evaluator.matches(try parse(text), user) }
        #expect(try matches("username eq \"bjensen\""))
        #expect(try matches("emails co \"jensen.org\""))
        #expect(try matches("emails[type eq \"home\" and value ew \".org\"]"))
        #expect(try !matches("emails[type eq \"work\" and value ew \".org\"]"))
        #expect(try matches("nickName ne \"x\""))
        #expect(try !matches("title pr"))
        #expect(try matches("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\""))
        #expect(try !matches("not (userName pr)"))
    }
}
