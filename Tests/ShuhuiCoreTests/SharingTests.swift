import Foundation
import ShuhuiCore
import Testing

private func population(sharing: SharingAttribute = .conditional, modes: [SharingMode] = [.api, .query]) -> ResourceDraft {
    ResourceDraft(
        name: "常住人口基本信息", categoryCode: "101001", providerID: 7, sharing: sharing, sharingCondition: "仅限政务服务办理使用",
        sharingModes: sharing == .notShared ? [] : modes, open: .notOpen, grade: .l3,
        fields: [Field(name: "公民身份号码", code: "gmsfhm", type: .string, length: 18, required: true, primaryKey: true, sensitivity: .l3),
                 Field(name: "姓名", code: "xm", type: .string, sensitivity: .l2, sharing: .unconditional),
                 Field(name: "手机号码", code: "sjhm", type: .string, sensitivity: .l3),
                 Field(name: "宗教信仰", code: "zjxy", type: .string, sensitivity: .l3, sharing: .notShared)],
        rules: [QualityRule(kind: .residentID, field: "gmsfhm"), QualityRule(kind: .mobile, field: "sjhm")])
}

private func request(_ fields: [String], mode: SharingMode = .api, until: String = "2027-06-30") -> SharingRequestDraft {
    SharingRequestDraft(resourceCode: "101001-00001", systemID: 3, fields: fields, mode: mode, purpose: "社保待遇资格认证", legalBasis: "社会保险法", validUntil: until)
}

private let today = CalendarDate(year: 2026, month: 11, day: 23)!

@Suite struct RequestFlowTests {
    @Test func conditionalGoesProviderThenBureau() throws {
        var s = RequestFlow.start(needsApproval: true)
        #expect(s == .pendingProvider && s.step == .provider)
        s = try RequestFlow.next(s, .approve)
        #expect(s == .pendingBureau && s.step == .bureau)
        s = try RequestFlow.next(s, .approve)
        #expect(s == .granted && s.step == nil)
    }

    @Test func unconditionalIsGrantedAtOnce() {
        #expect(RequestFlow.start(needsApproval: false) == .granted)
    }

    @Test func refusalsNeedReasonsAndEndTheRequest() throws {
        #expect(throws: RequestFlowError.reasonRequired) { try RequestFlow.next(.pendingProvider, .refuse(reason: "  ")) }
        #expect(try RequestFlow.next(.pendingProvider, .refuse(reason: "用途与共享条件不符")) == .refused)
        #expect(try RequestFlow.next(.pendingBureau, .refuse(reason: "缺少依据")) == .refused)
        #expect(try RequestFlow.next(.pendingBureau, .withdraw) == .withdrawn)
    }

    @Test func decidedRequestsAcceptNoFurtherStep() {
        for s in [RequestState.granted, .refused, .withdrawn] {
            for d in [RequestDecision.approve, .refuse(reason: "x"), .withdraw] {
                #expect(throws: RequestFlowError.notPending(s)) { try RequestFlow.next(s, d) }
            }
        }
    }

    @Test func clocksRunOnWorkingDays() {
        // Friday 2026-11-20 10:00 Beijing: 5 working days → Friday 27th; 2 → Tuesday 24th.
        let friday = Date(timeIntervalSince1970: 1795140000) // 2026-11-20T02:00:00Z
        #expect(CalendarDate(beijing: friday) == CalendarDate(year: 2026, month: 11, day: 20))
        let plain = WorkingCalendar()
        #expect(CalendarDate(beijing: RequestFlow.due(.provider, since: friday, calendar: plain)) == CalendarDate(year: 2026, month: 11, day: 27))
        #expect(CalendarDate(beijing: RequestFlow.due(.bureau, since: friday, calendar: plain)) == CalendarDate(year: 2026, month: 11, day: 24))
        // A holiday on Monday pushes the bureau's due day to Wednesday; a worked Saturday pulls it in.
        let holiday = WorkingCalendar(holidays: [CalendarDate(year: 2026, month: 11, day: 23)!])
        #expect(CalendarDate(beijing: RequestFlow.due(.bureau, since: friday, calendar: holiday)) == CalendarDate(year: 2026, month: 11, day: 25))
        let swapped = WorkingCalendar(workdays: [CalendarDate(year: 2026, month: 11, day: 21)!])
        #expect(CalendarDate(beijing: RequestFlow.due(.bureau, since: friday, calendar: swapped)) == CalendarDate(year: 2026, month: 11, day: 23))
        #expect(plain.workingDays(after: CalendarDate(year: 2026, month: 11, day: 20)!, through: CalendarDate(year: 2026, month: 11, day: 27)!) == 5)
    }

    @Test func dayArithmeticMatchesTheCalendar() {
        #expect(CalendarDate(dayNumber: 0) == CalendarDate(year: 1970, month: 1, day: 1))
        #expect(CalendarDate(year: 2024, month: 2, day: 29)!.adding(days: 1) == CalendarDate(year: 2024, month: 3, day: 1))
        #expect(CalendarDate(year: 2026, month: 11, day: 23)!.weekday == 1)
        for n in stride(from: -800_000, to: 800_000, by: 9_973) { #expect(CalendarDate(dayNumber: n).dayNumber == n) }
    }
}

@Suite struct RequestValidationTests {
    @Test func conditionalFieldsNeedApproval() throws {
        #expect(try request(["gmsfhm", "xm"]).validate(against: population(), today: today).get() == true)
    }

    @Test func unconditionalFieldsAreGrantedDirectly() throws {
        // A field is never shared more freely than its resource: under a conditional resource
        // even an unconditional field needs approval.
        #expect(try request(["xm"]).validate(against: population(), today: today).get() == true)
        #expect(try request(["gmsfhm", "xm"]).validate(against: population(sharing: .unconditional), today: today).get() == false)
    }

    @Test func refusesWhatCannotBeShared() {
        func codes(_ r: SharingRequestDraft, _ d: ResourceDraft = population()) -> [String] {
            if case .failure(let f) = r.validate(against: d, today: today) { return f.issues.map(\.code) }
            return []
        }
        #expect(codes(request(["gmsfhm"]), population(sharing: .notShared)) == ["not_shareable"])
        #expect(codes(request(["zjxy"])) == ["field_not_shared"])
        #expect(codes(request(["gmsfhm"], mode: .push)) == ["mode_not_offered"])
        #expect(codes(request(["nope"])) == ["unknown_field"])
        #expect(codes(request([])) == ["no_fields"])
        #expect(codes(request(["xm", "xm"])) == ["duplicate_field"])
        #expect(codes(request(["xm"], until: "2026-11-23")) == ["bad_period"])
        #expect(codes(request(["xm"], until: "2031-01-01")) == ["bad_period"])
        #expect(codes(request(["xm"], until: "soon")) == ["bad_date"])
        var noPurpose = request(["gmsfhm"])
        noPurpose.purpose = " "
        noPurpose.legalBasis = ""
        #expect(codes(noPurpose) == ["purpose_required", "basis_required"])
    }
}

@Suite struct MaskingTests {
    let masker = Masker { _ in "0123456789abcdef0123" }

    @Test func conventions() {
        #expect(masker.mask(.text("段小明"), .name) == .text("段**"))
        #expect(masker.mask(.text("330106199001010018"), .residentID) == .text("330106********0018"))
        #expect(masker.mask(.text("18012341999"), .mobile) == .text("180****1999"))
        #expect(masker.mask(.text("057187654321"), .landline) == .text("0571******21"))
        #expect(masker.mask(.text("6222021234567890123"), .bankCard) == .text("6222***********0123"))
        #expect(masker.mask(.text("浙江省杭州市西湖区文三路100号3幢201室"), .address) == .text("浙江省杭州市西湖区文三路10********"))
        #expect(masker.mask(.date("1990-01-01"), .year) == .text("1990"))
        #expect(masker.mask(.text("330106199001010018"), .pseudonym) == .text("p_0123456789abcdef0123"))
        #expect(masker.mask(.integer(42), .redact) == .text("******"))
        #expect(masker.mask(.text("x"), .none) == .text("x"))
        #expect(masker.mask(nil, .residentID) == nil)
        // ASCII values are masked by bytes, others by characters: CR LF is one character.
        #expect(masker.mask(.text("ab\r\ncd"), .name) == .text("a****"))
        #expect(masker.mask(.text("1234567"), .mobile) == .text("*******"))
        #expect(masker.mask(.text("12345678"), .mobile) == .text("123****5678"))
        #expect(masker.mask(.text("王小明A123456789"), .address) == .text("王小明A1********"))
        #expect(masker.mask(.text("19x0-01-01"), .year) == .text("******"))
        #expect(masker.mask(.text("１９９０年"), .year) == .text("******"))
    }

    @Test func birthDateNeverShowsInAMaskedID() {
        let masked = masker.mask(.text("33060219900101001X"), .residentID)?.description ?? ""
        #expect(!masked.contains("19900101"))
    }

    /// Property: for every mask but `none`, the masked value never equals the raw one.
    @Test func maskedValuesNeverEqualRawOnes() {
        var g = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789X*张王李段abc 省市区路号-")
        let real = Masker { raw in String(raw.unicodeScalars.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1.value)) &* 1099511628211 }, radix: 16) }
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...24, using: &g)
            let raw = String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] })
            for kind in MaskKind.allCases where kind != .none {
                let masked = real.mask(.text(raw), kind)
                #expect(masked != .text(raw), "\(kind) left “\(raw)” unchanged")
            }
        }
    }

    @Test func suggestionsFollowRulesNamesAndGrades() {
        let d = population()
        let mask = { (code: String) in MaskKind.suggested(for: d.fields.first { $0.code == code }!, rules: d.rules) }
        #expect(mask("gmsfhm") == .residentID)
        #expect(mask("xm") == .name)
        #expect(mask("sjhm") == .mobile)
        #expect(mask("zjxy") == .redact)
    }
}

@Suite struct GatewayPolicyTests {
    let service = DataService(
        id: 1, draft: DataServiceDraft(code: "population-by-id", name: "按身份证号查询常住人口", resourceCode: "101001-00001",
                                       fields: ["gmsfhm", "xm", "sjhm"], parameters: [ServiceParameter(field: "gmsfhm", required: true)]),
        organizationID: 7, resourceID: 10, state: .published, createdAt: Date(), publishedAt: Date(), retiredAt: nil)

    func grant(fields: [String] = ["gmsfhm", "xm"], until: String = "2027-01-01", revoked: Bool = false, mode: SharingMode = .api, resource: Int64 = 10) -> Grant {
        Grant(id: 5, requestID: 1, organizationID: 3, systemID: 4, resourceID: resource, resourceCode: "101001-00001", fields: fields, mode: mode,
              masks: ["gmsfhm": .residentID], ratePerMinute: nil, activatedAt: Date(), validUntil: until, revokedAt: revoked ? Date() : nil)
    }

    @Test func grantedCallGetsTheGrantedFieldsTheServiceServes() throws {
        let r = try GatewayPolicy.authorize(service: service, grants: [grant()], query: ["gmsfhm": "330106199001010018"], today: today)
        #expect(r.fields == ["gmsfhm", "xm"])
        #expect(r.grant.id == 5)
    }

    @Test func everyDenial() {
        let q = ["gmsfhm": "330106199001010018"]
        #expect(throws: GatewayDenial.noGrant) { try GatewayPolicy.authorize(service: service, grants: [], query: q, today: today) }
        #expect(throws: GatewayDenial.noGrant) { try GatewayPolicy.authorize(service: service, grants: [grant(mode: .push)], query: q, today: today) }
        #expect(throws: GatewayDenial.noGrant) { try GatewayPolicy.authorize(service: service, grants: [grant(resource: 11)], query: q, today: today) }
        #expect(throws: GatewayDenial.grantExpired) { try GatewayPolicy.authorize(service: service, grants: [grant(until: "2026-11-22")], query: q, today: today) }
        #expect(throws: GatewayDenial.grantRevoked) { try GatewayPolicy.authorize(service: service, grants: [grant(revoked: true)], query: q, today: today) }
        #expect(throws: GatewayDenial.fieldNotGranted("sjhm")) {
            try GatewayPolicy.authorize(service: service, grants: [grant()], query: q.merging(["fields": "xm,sjhm"]) { a, _ in a }, today: today)
        }
        #expect(throws: GatewayDenial.fieldNotGranted("gmsfhm")) {
            try GatewayPolicy.authorize(service: service, grants: [grant(fields: ["xm"])], query: q, today: today)
        }
        #expect(throws: GatewayDenial.unknownParameter("xb")) {
            try GatewayPolicy.authorize(service: service, grants: [grant()], query: q.merging(["xb": "1"]) { a, _ in a }, today: today)
        }
        #expect(throws: GatewayDenial.missingParameter("gmsfhm")) { try GatewayPolicy.authorize(service: service, grants: [grant()], query: [:], today: today) }
        var retired = service
        retired.state = .retired
        #expect(throws: GatewayDenial.serviceUnavailable(.retired)) { try GatewayPolicy.authorize(service: retired, grants: [grant()], query: q, today: today) }
    }

    @Test func theLastDayOfAGrantStillCounts() throws {
        _ = try GatewayPolicy.authorize(service: service, grants: [grant(until: "2026-11-23")], query: ["gmsfhm": "1"], today: today)
    }
}

@Suite struct SharingAccessTests {
    let bureau: Int64 = 1, provider: Int64 = 7, consumer: Int64 = 3
    func p(_ role: Role, _ unit: Int64?) -> Principal { Principal(userID: 1, username: "u", displayName: "u", role: role, organizationID: unit) }

    @Test func requestsAreMadeByTheConsumingUnitsOfficer() throws {
        try AccessPolicy.canRequestSharing(for: consumer, p(.officer, consumer))
        try AccessPolicy.canRequestSharing(for: consumer, p(.admin, nil))
        #expect(throws: AccessDenial.scope(ownUnit: provider)) { try AccessPolicy.canRequestSharing(for: consumer, p(.officer, provider)) }
        for role in [Role.approver, .queryUser, .auditor] {
            #expect(throws: AccessDenial.role(role)) { try AccessPolicy.canRequestSharing(for: consumer, p(role, consumer)) }
        }
    }

    @Test func eachStepIsAnsweredByItsOwnApprover() throws {
        try AccessPolicy.canAnswer(.provider, provider: provider, bureau: bureau, p(.approver, provider))
        try AccessPolicy.canAnswer(.bureau, provider: provider, bureau: bureau, p(.approver, bureau))
        try AccessPolicy.canAnswer(.bureau, provider: provider, bureau: bureau, p(.admin, nil))
        #expect(throws: AccessDenial.scope(ownUnit: bureau)) { try AccessPolicy.canAnswer(.provider, provider: provider, bureau: bureau, p(.approver, bureau)) }
        #expect(throws: AccessDenial.scope(ownUnit: provider)) { try AccessPolicy.canAnswer(.bureau, provider: provider, bureau: bureau, p(.approver, provider)) }
        #expect(throws: AccessDenial.scope(ownUnit: bureau)) { try AccessPolicy.canAnswer(.bureau, provider: provider, bureau: nil, p(.approver, bureau)) }
        #expect(throws: AccessDenial.role(.officer)) { try AccessPolicy.canAnswer(.provider, provider: provider, bureau: bureau, p(.officer, provider)) }
        #expect(throws: AccessDenial.role(.auditor)) { try AccessPolicy.canAnswer(.bureau, provider: provider, bureau: bureau, p(.auditor, nil)) }
    }

    @Test func requestsAreSeenOnlyByTheirUnitsAndTheBureau() throws {
        try AccessPolicy.canSee(consumer: consumer, provider: provider, bureau: bureau, p(.officer, consumer))
        try AccessPolicy.canSee(consumer: consumer, provider: provider, bureau: bureau, p(.approver, provider))
        try AccessPolicy.canSee(consumer: consumer, provider: provider, bureau: bureau, p(.approver, bureau))
        try AccessPolicy.canSee(consumer: consumer, provider: provider, bureau: bureau, p(.auditor, nil))
        #expect(throws: AccessDenial.scope(ownUnit: 99)) { try AccessPolicy.canSee(consumer: consumer, provider: provider, bureau: bureau, p(.officer, 99)) }
        #expect(throws: AccessDenial.scope(ownUnit: bureau)) { try AccessPolicy.canSee(consumer: consumer, provider: provider, bureau: bureau, p(.officer, bureau)) }
        #expect(throws: AccessDenial.scope(ownUnit: 99)) { try AccessPolicy.canSee(consumer: consumer, provider: provider, bureau: bureau, p(.queryUser, 99)) }
    }

    @Test func grantsAreRevokedByTheProviderOrTheBureau() throws {
        try AccessPolicy.canRevokeGrant(provider: provider, p(.approver, provider))
        try AccessPolicy.canRevokeGrant(provider: provider, p(.admin, nil))
        #expect(throws: AccessDenial.scope(ownUnit: consumer)) { try AccessPolicy.canRevokeGrant(provider: provider, p(.approver, consumer)) }
        #expect(throws: AccessDenial.role(.officer)) { try AccessPolicy.canRevokeGrant(provider: provider, p(.officer, provider)) }
    }
}
