import Foundation
import ShuhuiCore
import Testing

/// Retiring matters and the rule for cases sent by systems through the gateway, pure.
@Suite struct OneWindowIntakeTests {
    static let today = CalendarDate(iso: "2018-07-27")!

    static func matter(system: Int64?, joinedOn: String?, retiredOn: String? = nil) -> Matter {
        let draft = MatterDraft(basicCode: "B-1", code: "M-1", name: "食品经营许可", kind: .licence, organizationID: 7, level: .municipal,
                                systemID: system, join: JoinStatus(joinedOn: joinedOn, mode: joinedOn == nil ? nil : .ownSystemForm))
        return Matter(id: 1, draft: draft, organizationName: "市市场监管局", systemDisplayName: "", updatedAt: Date(timeIntervalSince1970: 0),
                      retirement: retiredOn.map { MatterRetirement(retiredOn: $0, reason: "省级取消", retiredBy: "局管理员") })
    }

    @Test func onlyTheMattersJoinedSystemMaySendItsCases() throws {
        let joined = JoinStatus(joinedOn: "2018-04-10", mode: .ownSystemForm)
        // The grant: the matter's own system, both joined by today (the day itself counts).
        try AccessPolicy.canSubmitCase(from: 5, for: Self.matter(system: 5, joinedOn: "2018-05-15"), systemJoin: joined, today: Self.today)
        try AccessPolicy.canSubmitCase(from: 5, for: Self.matter(system: 5, joinedOn: "2018-07-27"), systemJoin: JoinStatus(joinedOn: "2018-07-27"), today: Self.today)
        // Another system, or a matter with no system recorded.
        #expect(throws: CaseIntakeDenial.notMatterSystem(matter: "M-1")) {
            try AccessPolicy.canSubmitCase(from: 6, for: Self.matter(system: 5, joinedOn: "2018-05-15"), systemJoin: joined, today: Self.today)
        }
        #expect(throws: CaseIntakeDenial.notMatterSystem(matter: "M-1")) {
            try AccessPolicy.canSubmitCase(from: 5, for: Self.matter(system: nil, joinedOn: "2018-05-15"), systemJoin: joined, today: Self.today)
        }
        // The system never planned, planned but not joined, or joining only later.
        for join in [nil, JoinStatus(), JoinStatus(joinedOn: "2018-08-01")] {
            #expect(throws: CaseIntakeDenial.systemNotJoined) {
                try AccessPolicy.canSubmitCase(from: 5, for: Self.matter(system: 5, joinedOn: "2018-05-15"), systemJoin: join, today: Self.today)
            }
        }
        // The matter itself not joined, or joining later.
        for on in [nil, "2018-07-28"] {
            #expect(throws: CaseIntakeDenial.matterNotJoined(matter: "M-1")) {
                try AccessPolicy.canSubmitCase(from: 5, for: Self.matter(system: 5, joinedOn: on), systemJoin: joined, today: Self.today)
            }
        }
    }

    @Test func aRetiredMatterIsOutOfForceFromItsDayOn() {
        #expect(Self.matter(system: nil, joinedOn: nil).isInForce(on: Self.today))
        #expect(!Self.matter(system: nil, joinedOn: nil, retiredOn: "2018-07-27").isInForce(on: Self.today))
        #expect(!Self.matter(system: nil, joinedOn: nil, retiredOn: "2018-01-01").isInForce(on: Self.today))
        #expect(Self.matter(system: nil, joinedOn: nil, retiredOn: "2018-07-28").isInForce(on: Self.today))
    }

    @Test func retiringNeedsAReasonAndAValidDay() {
        #expect(MatterRetireInput(reason: "依据浙政办发〔2018〕1号取消").issues().isEmpty)
        #expect(MatterRetireInput(retiredOn: "2018-08-01", reason: "合并").issues().isEmpty)
        #expect(MatterRetireInput(reason: "  ").issues().map(\.field) == ["reason"])
        #expect(MatterRetireInput(reason: String(repeating: "长", count: 501)).issues().map(\.field) == ["reason"])
        #expect(MatterRetireInput(retiredOn: "2018-02-30", reason: "x").issues().map(\.field) == ["retiredOn"])
    }
}
