import Foundation
import Testing

@testable import ShuhuiCore

@Suite struct IdentifierTests {
    // A fixed "today" keeps the date rules deterministic.
    private let today = CalendarDate(year: 2025, month: 6, day: 1)!

    // MARK: Resident ID

    @Test(arguments: [
        "360426199101010071", "44011320141005001X", "110102199101010078",
        "330106199001010018", "33060219900101001X",
    ])
    func residentIDAnchorsAreValid(raw: String) throws {
        let id = try ResidentID(raw, asOf: today)
        #expect(id.value == raw)
        #expect(id.description == raw)
    }

    @Test func residentIDWrongCheckIsRejected() {
        #expect(throws: IdentifierError.checkCharacter) { try ResidentID("36042619910102009X", asOf: today) }
    }

    @Test func residentIDImpossibleMonthIsRejected() {
        // Month 13 with a correct check digit, so only the date rule can reject it.
        #expect(throws: IdentifierError.date) { try ResidentID("360426199113010079", asOf: today) }
    }

    @Test func residentIDFields() throws {
        let id = try ResidentID("44011320141005001X", asOf: today)
        #expect(id.birthDate == CalendarDate(year: 2014, month: 10, day: 5))
        #expect(id.regionCode == "440113")
        #expect(id.genderIsMale == true)
        let female = try ResidentID(Self.residentID(region: "330106", date: "19900101", sequence: "002"), asOf: today)
        #expect(female.genderIsMale == false)
    }

    @Test func residentIDNormalisesInput() throws {
        let id = try ResidentID("  44011320141005001x\n", asOf: today)
        #expect(id.value == "44011320141005001X")
    }

    @Test func residentIDLeapDays() throws {
        #expect(try ResidentID(Self.residentID(region: "330106", date: "19960229"), asOf: today)
            .birthDate == CalendarDate(year: 1996, month: 2, day: 29))
        #expect(try ResidentID(Self.residentID(region: "330106", date: "20000229"), asOf: today)
            .birthDate.year == 2000)
        #expect(throws: IdentifierError.date) {
            try ResidentID(Self.residentID(region: "330106", date: "19970229"), asOf: today)
        }
        #expect(throws: IdentifierError.date) {
            try ResidentID(Self.residentID(region: "330106", date: "19000229"), asOf: today)
        }
    }

    @Test func residentIDDateBounds() throws {
        #expect(throws: IdentifierError.date) {
            try ResidentID(Self.residentID(region: "330106", date: "20250602"), asOf: today)
        }
        #expect(try ResidentID(Self.residentID(region: "330106", date: "20250601"), asOf: today)
            .birthDate == today)
        #expect(throws: IdentifierError.date) {
            try ResidentID(Self.residentID(region: "330106", date: "18991231"), asOf: today)
        }
        // Against the real clock: a birth date years ahead is always in the future.
        let nextYear = CalendarDate.today().year + 1
        #expect(throws: IdentifierError.date) {
            try ResidentID(Self.residentID(region: "330106", date: "\(nextYear)0101"))
        }
    }

    @Test func residentIDUnknownDistrictsAreAccepted() throws {
        // 330113 临平区 and 330114 钱塘区 were created in 2021 and are missing from old tables.
        for region in ["330113", "330114", "999999"] {
            #expect(try ResidentID(Self.residentID(region: region, date: "19900101"), asOf: today)
                .regionCode == region)
        }
    }

    @Test func residentIDShapeErrors() {
        #expect(throws: IdentifierError.length(expected: 18, actual: 17)) {
            try ResidentID("36042619910101007", asOf: today)
        }
        #expect(throws: IdentifierError.length(expected: 18, actual: 0)) { try ResidentID("", asOf: today) }
        #expect(throws: IdentifierError.characters) { try ResidentID("3604261991010100A1", asOf: today) }
        #expect(throws: IdentifierError.characters) { try ResidentID("X60426199101010071", asOf: today) }
        // Full-width digits are 18 characters but not ASCII: a character error, not a length error.
        #expect(throws: IdentifierError.characters) { try ResidentID("３60426199101010071", asOf: today) }
    }

    @Test func residentIDCheckCharacterHelper() {
        #expect(ResidentID.checkCharacter(for: "44011320141005001") == "X")
        #expect(ResidentID.checkCharacter(for: "36042619910101007") == "1")
        #expect(ResidentID.checkCharacter(for: "1234") == nil)
        #expect(ResidentID.checkCharacter(for: "4401132014100500A") == nil)
    }

    @Test func residentIDCodableValidates() throws {
        let id = try ResidentID("330106199001010018")
        let json = try JSONEncoder().encode([id])
        #expect(String(decoding: json, as: UTF8.self) == #"["330106199001010018"]"#)
        #expect(try JSONDecoder().decode([ResidentID].self, from: json) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ResidentID].self, from: Data(#"["36042619910102009X"]"#.utf8))
        }
    }

    // MARK: Credit code

    @Test(arguments: ["91110000600037341L", "9144030071526726XG", "91310115MA1K3BTP2B", "121200004013590816"])
    func creditCodeAnchorsAreValid(raw: String) throws {
        let code = try CreditCode(raw)
        #expect(code.value == raw)
        #expect(try CreditCode(raw.lowercased()) == code)
    }

    @Test func creditCodeInvalidAnchors() {
        #expect(throws: IdentifierError.checkCharacter) { try CreditCode("91110000600037341N") }
        #expect(throws: IdentifierError.characters) { try CreditCode("9111000060003IOZSV") }
        #expect(throws: IdentifierError.length(expected: 18, actual: 17)) { try CreditCode("91110000600037341") }
    }

    @Test func creditCodeOrganisationCheckIsEnforced() throws {
        // Body 60003734 has organisation check 1; put 2 there and fix up the main check so
        // only the GB 11714 rule can reject it.
        let first17 = "9111000060003734" + "2"
        let main = try #require(CreditCode.checkCharacter(for: first17))
        #expect(throws: IdentifierError.organizationCheckCharacter) { try CreditCode(first17 + String(main)) }
    }

    @Test func creditCodeFields() throws {
        let code = try CreditCode("91310115MA1K3BTP2B")
        #expect(code.registrationAuthority == "9")
        #expect(code.regionCode == "310115")
    }

    @Test func creditCodeMakeRoundTrips() throws {
        #expect(CreditCode.make(authority: "9", kind: "1", region: "110000", organizationCode8: "60003734").value
            == "91110000600037341L")
        #expect(CreditCode.make(authority: "9", kind: "1", region: "310115", organizationCode8: "MA1K3BTP").value
            == "91310115MA1K3BTP2B")
        for serial in 0..<200 {
            let body = String(format: "MA%06d", serial * 7919 % 1_000_000)
            let made = CreditCode.make(authority: "9", kind: "1", region: "330106", organizationCode8: body)
            #expect(try CreditCode(made.value) == made)
            #expect(made.regionCode == "330106")
        }
    }

    @Test func creditCodeCodable() throws {
        let code = try CreditCode("9144030071526726XG")
        let data = try JSONEncoder().encode(code)
        #expect(try JSONDecoder().decode(CreditCode.self, from: data) == code)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CreditCode.self, from: Data(#""91110000600037341N""#.utf8))
        }
    }

    // MARK: Phones

    @Test func mobilePhones() throws {
        for raw in ["18012341999", "+86 180 1234 1999", "86-180-1234-1999", "008618012341999", " 180-1234-1999 "] {
            #expect(try MobilePhone(raw).value == "18012341999")
        }
        #expect(throws: IdentifierError.format) { try MobilePhone("12012341999") }
        #expect(throws: IdentifierError.format) { try MobilePhone("28012341999") }
        #expect(throws: IdentifierError.length(expected: 11, actual: 10)) { try MobilePhone("1801234199") }
        #expect(throws: IdentifierError.characters) { try MobilePhone("1801234199a") }
        // An 11-digit number starting with 86 is not a country prefix.
        #expect(throws: IdentifierError.format) { try MobilePhone("86012341999") }
    }

    @Test func landlines() throws {
        let hangzhou = try Landline("0571-87654321")
        #expect(hangzhou.areaCode == "0571")
        #expect(hangzhou.number == "87654321")
        #expect(try Landline("057187654321") == hangzhou)
        #expect(try Landline("(0571)87654321") == hangzhou)
        #expect(try Landline(" 0571 87654321 ") == hangzhou)
        #expect(try Landline("01062345678").value == "010-62345678")
        #expect(throws: IdentifierError.format) { try Landline("010-12345678") }
        #expect(try Landline("021-6234567").value == "021-6234567")
        #expect(try Landline("0755-2345678").areaCode == "0755")
        #expect(throws: IdentifierError.format) { try Landline("571-87654321") }
        #expect(throws: IdentifierError.format) { try Landline("0571-876543") }
        #expect(throws: IdentifierError.format) { try Landline("0571-876543210") }
        #expect(throws: IdentifierError.format) { try Landline("0571-07654321") }
        #expect(throws: IdentifierError.characters) { try Landline("0571-8765-4321") }
        #expect(throws: IdentifierError.characters) { try Landline("0571 8765432a") }
    }

    // MARK: Errors

    @Test func errorMessagesAreBilingual() {
        #expect(IdentifierError.checkCharacter.message.zh == "校验码错误")
        #expect(IdentifierError.checkCharacter.message.en == "check character is wrong")
        #expect(IdentifierError.length(expected: 18, actual: 17).message.en.contains("18"))
        #expect(IdentifierError.date.messageKey == "identifier.date")
    }

    /// Builds a valid ID for `region`, `date` (yyyyMMdd) and a three-digit sequence.
    private static func residentID(region: String, date: String, sequence: String = "001") -> String {
        let first17 = region + date + sequence
        return first17 + String(ResidentID.checkCharacter(for: first17) ?? "?")
    }
}
