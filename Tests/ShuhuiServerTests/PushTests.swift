import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import ShuhuiCore
import ShuhuiServer
import ShuhuiSpreadsheet
import ShuhuiStore
import Synchronization
import Testing

/// A transport that keeps what it is given, and can fail after "sending" — as a process
/// killed between sending and recording the delivery would.
final class RecordingTransport: PushTransport {
    let received = Mutex<[PushPayload]>([])
    let failuresAfterSend = Mutex(0)

    func deliver(_ payload: PushPayload, kind: PushTargetKind, target: String) async throws {
        received.withLock { $0.append(payload) }
        let fail = failuresAfterSend.withLock { n -> Bool in
            guard n > 0 else { return false }
            n -= 1
            return true
        }
        if fail { throw PushTransportError(description: "connection lost after send") }
    }

    /// Rows received, after dropping repeated batch ids as a receiver does.
    var deduplicatedRows: [[String]] {
        var seen: Set<String> = []
        var rows: [[String]] = []
        for p in received.withLock({ $0 }) where seen.insert(p.batchID).inserted {
            rows += (try? CSV.parse(p.body))?.dropFirst() ?? []
        }
        return rows
    }
}

/// 市人力社保局 subscribes to 市公安局's 户籍人口信息 under an approved push grant.
struct PushScene {
    let cast: SharingCast
    let resource: Resource
    let grantID: Int

    static let people = [("330106199001010018", "段小明", "1"), ("33060219900101001X", "王芳", "2"), ("110102199101010078", "李四", "1")]

    static func make(_ city: TestCity, _ client: any TestClientProtocol) async throws -> PushScene {
        let c = try await SharingCast.make(city)
        let police = try await city.organization("市公安局")
        let resource = try #require(try await city.store.resources(providerID: police.id).first { $0.draft.name == "户籍人口信息" })
        try await ingest(client, c, resource, people.map { "\($0.0),\($0.1),\($0.2)" })
        let request = try json(try await client.execute(uri: "/api/v1/sharing/requests", method: .post, headers: .bearer(c.hrss), body: try body([
            "resourceCode": resource.code, "systemID": c.hrssSystem.id, "fields": ["gmsfhm", "xm", "xb"], "mode": "push",
            "purpose": "社保参保登记比对", "legalBasis": "《社会保险法》第八十条", "validUntil": SharingCast.until] as [String: Any])).body)
        let decision = "/api/v1/sharing/requests/\(request["id"] as? Int ?? 0)/decision"
        _ = try await post(client, decision, c.policeApprover, ["decision": "approve"])
        let granted = try json(try await post(client, decision, c.bureau, ["decision": "approve"]).body)
        return PushScene(cast: c, resource: resource, grantID: try #require(granted["grantID"] as? Int))
    }

    static func ingest(_ client: any TestClientProtocol, _ c: SharingCast, _ resource: Resource, _ lines: [String]) async throws {
        let csv = "gmsfhm,xm,xb\n" + lines.joined(separator: "\n") + "\n"
        let r = try await client.execute(uri: "/api/v1/resources/\(resource.code)/batches?mode=upsert", method: .post,
                                         headers: [.authorization: "Bearer \(c.police)", .contentType: "text/csv"], body: ByteBuffer(string: csv))
        #expect(try json(r.body)["rowsStored"] as? Int == lines.count, "\(String(buffer: r.body))")
    }

    func subscribe(_ client: any TestClientProtocol, token: String? = nil, _ extra: [String: Any] = [:]) async throws -> TestResponse {
        var object: [String: Any] = ["grantID": grantID, "mode": "incremental", "targetKind": "directory", "target": "hrss/huji",
                                     "format": "csv", "intervalMinutes": 60]
        object.merge(extra) { _, b in b }
        return try await client.execute(uri: "/api/v1/push/subscriptions", method: .post, headers: .bearer(token ?? cast.hrss),
                                        body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object)))
    }
}

@Suite struct PushTests {
    @Test func incrementalDeliveriesToAFolderAreMaskedCountedAndResumeAfterTheWatermark() async throws {
        try await TestCity.run { city, client in
            let scene = try await PushScene.make(city, client)
            let created = try await scene.subscribe(client)
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let id = try #require((try json(created.body)["subscription"] as? [String: Any])?["id"] as? Int)
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("shuhui-exchange-\(UUID().uuidString)")
            let runner = PushRunner(store: city.store, transport: LivePushTransport(root: root))
            let t0 = Date()
            #expect(try await runner.runDue(now: t0) == 1)

            let folder = root.appendingPathComponent("hrss/huji")
            var files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(files == ["push-\(id)-00000001.csv"], "no temporary file is left visible")
            let first = try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8)
            #expect(first.hasPrefix("gmsfhm,xm,xb"))
            #expect(first.contains("330106********0018") && first.contains("段**"), "\(first)")
            for p in PushScene.people { #expect(!first.contains(p.0) && !first.contains(p.1), "raw value pushed: \(first)") }

            // Nothing new: the next run (an hour on) plans nothing; a new batch is delivered alone.
            #expect(try await runner.runDue(now: t0.addingTimeInterval(10)) == 0, "not due yet")
            try await PushScene.ingest(client, scene.cast, scene.resource, ["330106199001010018,段小明,1", "44011320141005001X,陈一,2"])
            #expect(try await runner.runDue(now: t0.addingTimeInterval(3601)) == 1)
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(files == ["push-\(id)-00000001.csv", "push-\(id)-00000002.csv"])
            let second = try CSV.parse(Data(contentsOf: folder.appendingPathComponent(files[1])))
            #expect(second.count == 3, "header + the two rows of the new batch (one updated, one new): \(second)")

            let daily = try await city.store.pushDaily()
            #expect(daily.reduce(0) { $0 + $1.records } == 5 && daily.reduce(0) { $0 + $1.deliveries } == 2)
            #expect(daily.allSatisfy { $0.organizationID == scene.cast.hrssSystem.organizationID })
            let detail = try json(try await client.execute(uri: "/api/v1/push/subscriptions/\(id)", method: .get, headers: .bearer(scene.cast.hrss)).body)
            #expect((detail["summary"] as? [String: Any])?["recordsDelivered"] as? Int == 5)
            #expect((detail["deliveries"] as? [[String: Any]])?.count == 2)
        }
    }

    @Test func aDeliveryInterruptedAfterSendingIsSentAgainUnderTheSameBatchID() async throws {
        try await TestCity.run { city, client in
            let scene = try await PushScene.make(city, client)
            #expect(try await scene.subscribe(client, ["mode": "full", "intervalMinutes": 0]).status == .created)
            let transport = RecordingTransport()
            transport.failuresAfterSend.withLock { $0 = 1 }
            let t0 = Date()
            // The first run sends, then loses the acknowledgement: the delivery stays pending.
            #expect(try await PushRunner(store: city.store, transport: transport, maxRows: 2).runDue(now: t0) == 0)
            // A new runner (a restarted server) picks the pending delivery up after its back-off,
            // sends it again with the same batch id, then the rest.
            #expect(try await PushRunner(store: city.store, transport: transport, maxRows: 2).runDue(now: t0.addingTimeInterval(5)) == 0, "still backing off")
            #expect(try await PushRunner(store: city.store, transport: transport, maxRows: 2).runDue(now: t0.addingTimeInterval(11)) == 2)
            let ids = transport.received.withLock { $0.map(\.batchID) }
            #expect(ids.count == 3 && ids[0] == ids[1] && ids[1] != ids[2], "\(ids)")
            let rows = transport.deduplicatedRows
            #expect(rows.count == 3, "exactly once after deduplication: \(rows)")
            #expect(Set(rows.map { $0[2] }) == ["1", "2"])
            // On demand: caught up, no further run until asked.
            #expect(try await PushRunner(store: city.store, transport: transport).runDue(now: t0.addingTimeInterval(99_999)) == 0)
        }
    }

    @Test func aFailingHTTPSubscriberBacksOffWithoutBlockingOthers() async throws {
        try await TestCity.run { city, client in
            let scene = try await PushScene.make(city, client)
            // Nothing listens on this port: every attempt fails at once.
            let dead = try await scene.subscribe(client, ["targetKind": "http", "target": "http://127.0.0.1:9/receive"])
            #expect(dead.status == .created)
            let deadID = try #require((try json(dead.body)["subscription"] as? [String: Any])?["id"] as? Int)
            #expect(try await scene.subscribe(client, ["target": "hrss/ok"]).status == .created)
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("shuhui-exchange-\(UUID().uuidString)")
            let runner = PushRunner(store: city.store, transport: LivePushTransport(root: root, timeout: 5))
            let t0 = Date()
            #expect(try await runner.runDue(now: t0) == 1, "the folder subscription is delivered")
            var deliveries = try await city.store.deliveries(subscriptionID: Int64(deadID))
            #expect(deliveries.count == 1 && deliveries[0].state == .pending && deliveries[0].attempts == 1)
            #expect(deliveries[0].nextAttemptAt.timeIntervalSince(t0) >= 9.9)
            #expect(try await runner.runDue(now: t0.addingTimeInterval(5)) == 0)
            #expect(try await city.store.deliveries(subscriptionID: Int64(deadID))[0].attempts == 1, "not retried inside the back-off")
            _ = try await runner.runDue(now: t0.addingTimeInterval(11))
            deliveries = try await city.store.deliveries(subscriptionID: Int64(deadID))
            #expect(deliveries.count == 1 && deliveries[0].attempts == 2 && deliveries[0].state == .pending)
            #expect(deliveries[0].nextAttemptAt.timeIntervalSince(t0.addingTimeInterval(11)) >= 19.9)
        }
    }

    @Test func anHTTPSubscriberReceivesBatchIDsAndMaskedRows() async throws {
        let inbox = Mutex<[(String, String)]>([])
        let receiver = Router()
        receiver.post("/receive") { req, _ -> HTTPResponse.Status in
            let text = String(buffer: try await req.body.collect(upTo: 1 << 20))
            inbox.withLock { $0.append((req.headers[HTTPField.Name("X-Shuhui-Batch-Id")!] ?? "", text)) }
            return .ok
        }
        try await Application(router: receiver, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { live in
            try await TestCity.run { city, client in
                let scene = try await PushScene.make(city, client)
                #expect(try await scene.subscribe(client, ["targetKind": "http", "target": "http://127.0.0.1:\(live.port ?? 0)/receive",
                                                           "format": "jsonl"]).status == .created)
                let runner = PushRunner(store: city.store, transport: LivePushTransport(root: FileManager.default.temporaryDirectory))
                #expect(try await runner.runDue(now: Date()) == 1)
                let got = inbox.withLock { $0 }
                let (batchID, text) = try #require(got.first)
                #expect(got.count == 1 && batchID.hasPrefix("push-"))
                let lines = text.split(separator: "\n")
                #expect(lines.count == 3 && lines.allSatisfy { $0.contains("\"xm\"") })
                for p in PushScene.people { #expect(!text.contains(p.0), "raw resident ID pushed") }
            }
        }
    }

    @Test func subscriptionsAreRefusedOutsideTheRules() async throws {
        try await TestCity.run { city, client in
            let scene = try await PushScene.make(city, client)
            // Another unit's officer, the provider itself, read-only roles: denied.
            for token in [scene.cast.police, scene.cast.query, scene.cast.policeApprover] {
                try expectProblem(try await scene.subscribe(client, token: token), .forbidden)
            }
            try expectProblem(try await scene.subscribe(client, ["target": "../../etc"]), .unprocessableContent)
            try expectProblem(try await scene.subscribe(client, ["targetKind": "http", "target": "file:///etc/passwd"]), .unprocessableContent)
            try expectProblem(try await scene.subscribe(client, ["intervalMinutes": 2]), .unprocessableContent)
            try expectProblem(try await scene.subscribe(client, ["grantID": 999_999]), .notFound)
            try expectProblem(try await scene.subscribe(client, ["surprise": 1]), .unprocessableContent)
            let all = try json(try await client.execute(uri: "/api/v1/push/subscriptions", method: .get, headers: .bearer(scene.cast.admin)).body)
            #expect((all["items"] as? [Any])?.isEmpty == true, "nothing half-applied")
        }
    }

    @Test func aRevokedGrantStopsDeliveries() async throws {
        try await TestCity.run { city, client in
            let scene = try await PushScene.make(city, client)
            let created = try await scene.subscribe(client)
            let id = try #require((try json(created.body)["subscription"] as? [String: Any])?["id"] as? Int)
            let revoked = try await post(client, "/api/v1/sharing/grants/\(scene.grantID)/revoke", scene.cast.policeApprover, ["reason": "用途已结束"])
            #expect(revoked.status == .ok, "\(String(buffer: revoked.body))")
            let transport = RecordingTransport()
            #expect(try await PushRunner(store: city.store, transport: transport).runDue(now: Date()) == 0)
            #expect(transport.received.withLock { $0.isEmpty }, "nothing flows under a revoked grant")
            let s = try await city.store.subscription(id: Int64(id)).subscription
            #expect(s.state == .paused && s.lastError == "grant revoked")
            // It cannot be resumed while the grant is revoked.
            try expectProblem(try await post(client, "/api/v1/push/subscriptions/\(id)/state", scene.cast.hrss, ["state": "active"]), .unprocessableContent)
        }
    }
}
