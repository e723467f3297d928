import Foundation
import ShuhuiCore
import Testing

@Suite struct PushDeliveryTests {
    static let t0 = Date(timeIntervalSince1970: 1_526_601_600)

    static func pending() -> PushDelivery {
        PushDelivery(id: 7, subscriptionID: 1, batchID: "push-1-00000007", from: .start, to: PushCursor(batch: 3, row: 40), records: 40,
                     state: .pending, attempts: 0, nextAttemptAt: t0, lastError: nil, createdAt: t0, deliveredAt: nil)
    }

    @Test func deliveredIsFinal() throws {
        let done = try Self.pending().recording(.delivered(records: 38), at: Self.t0)
        #expect(done.state == .delivered && done.records == 38 && done.attempts == 1 && done.deliveredAt == Self.t0)
        #expect(throws: PushDelivery.Finished(state: .delivered)) { try done.recording(.failed("late"), at: Self.t0) }
        #expect(throws: PushDelivery.Finished(state: .delivered)) { try done.recording(.delivered(records: 1), at: Self.t0) }
        #expect(throws: PushDelivery.Finished(state: .delivered)) { try done.recording(.cancelled("x"), at: Self.t0) }
    }

    @Test func failuresStayPendingWithGrowingBackoff() throws {
        var d = Self.pending()
        var now = Self.t0
        for (attempt, expected) in [(1, 10.0), (2, 20.0), (3, 40.0), (4, 80.0)] {
            d = try d.recording(.failed("HTTP 503"), at: now)
            #expect(d.state == .pending && d.attempts == attempt && d.lastError == "HTTP 503")
            #expect(d.nextAttemptAt == now.addingTimeInterval(expected))
            now = d.nextAttemptAt
        }
        // The batch id never changes: the receiver deduplicates every retry.
        #expect(d.batchID == "push-1-00000007")
        let delivered = try d.recording(.delivered(records: 40), at: now)
        #expect(delivered.state == .delivered && delivered.attempts == 5 && delivered.lastError == nil)
    }

    @Test func cancelledIsFinal() throws {
        let c = try Self.pending().recording(.cancelled("grant revoked"), at: Self.t0)
        #expect(c.state == .cancelled && c.lastError == "grant revoked")
        #expect(throws: PushDelivery.Finished(state: .cancelled)) { try c.recording(.delivered(records: 1), at: Self.t0) }
    }

    @Test func backoffIsCappedAndNeverGivesUp() {
        #expect(PushBackoff.delay(afterAttempts: 0) == 0)
        #expect(PushBackoff.delay(afterAttempts: 1) == 10)
        #expect(PushBackoff.delay(afterAttempts: 9) == 2560)
        #expect(PushBackoff.delay(afterAttempts: 10) == 3600)
        #expect(PushBackoff.delay(afterAttempts: 10_000) == 3600)
    }

    @Test func cursorsOrderByBatchThenRow() {
        #expect(PushCursor(batch: 1, row: 99) < PushCursor(batch: 2, row: 1))
        #expect(PushCursor(batch: 2, row: 1) < PushCursor(batch: 2, row: 2))
        #expect(PushCursor.start < PushCursor(batch: 0, row: 1))
    }

    @Test func draftTargetsAreConfined() {
        for ok in ["hrss", "hrss/population", "province_center/2018.05", "a-b/c_d"] { #expect(PushSubscriptionDraft.isSafeFolder(ok), "\(ok)") }
        for bad in ["", "/etc", "../etc", "a/../../b", "a//b", "a/./b", "a b", "a\\b", "人口", "a/..", String(repeating: "a", count: 201)] {
            #expect(!PushSubscriptionDraft.isSafeFolder(bad), "\(bad)")
        }
        for ok in ["http://127.0.0.1:9000/receive", "https://exchange.example.gov.cn/push"] { #expect(PushSubscriptionDraft.isHTTPURL(ok)) }
        for bad in ["ftp://x/y", "file:///etc/passwd", "http://", "receive", "javascript:alert(1)"] { #expect(!PushSubscriptionDraft.isHTTPURL(bad), "\(bad)") }
        let draft = PushSubscriptionDraft(grantID: 1, mode: .full, targetKind: .directory, target: "../x", format: .csv, intervalMinutes: 3)
        #expect(Set(draft.issues().map(\.field)) == ["target", "intervalMinutes"])
        #expect(PushSubscriptionDraft(grantID: 1, mode: .full, targetKind: .http, target: "http://127.0.0.1/r", intervalMinutes: 0).issues().isEmpty)
    }

    @Test func onDemandSubscriptionsHaveNoNextRun() {
        var s = PushSubscription(id: 1, code: "push-1", draft: PushSubscriptionDraft(grantID: 1, mode: .incremental, targetKind: .directory, target: "x", intervalMinutes: 0),
                                 resourceID: 1, resourceCode: "101001-00001", providerID: 1, organizationID: 2, systemID: 3, fields: ["xm"],
                                 state: .active, cursor: .start, nextRunAt: nil, lastError: nil, createdAt: Self.t0)
        #expect(s.nextRun(after: Self.t0) == nil)
        s.draft.intervalMinutes = 60
        #expect(s.nextRun(after: Self.t0) == Self.t0.addingTimeInterval(3600))
    }

    @Test func queryPagesAreForQueryUsersAndOfficers() {
        let unit: Int64 = 5
        for role in [Role.queryUser, .officer, .admin] {
            #expect(throws: Never.self) { try AccessPolicy.canUseQueryPages(Principal(userID: 1, username: "u", displayName: "u", role: role, organizationID: unit)) }
        }
        for role in [Role.approver, .auditor] {
            #expect(throws: AccessDenial.role(role)) { try AccessPolicy.canUseQueryPages(Principal(userID: 1, username: "u", displayName: "u", role: role, organizationID: unit)) }
        }
        #expect(throws: AccessDenial.scope(ownUnit: nil)) {
            try AccessPolicy.canUseQueryPages(Principal(userID: 1, username: "u", displayName: "u", role: .queryUser, organizationID: nil))
        }
    }
}
