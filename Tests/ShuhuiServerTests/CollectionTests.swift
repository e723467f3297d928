import Foundation
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiSpreadsheet
import ShuhuiStore
import Testing

/// Collection through the public HTTP interface: formats, charsets, modes, idempotency,
/// atomicity, problem data and the quality figures they feed.
@Suite struct CollectionTests {
    /// A population resource of 市公安局 with rules on every kind of identifier.
    func makeResource(_ city: TestCity, _ client: any TestClientProtocol, token: String) async throws -> String {
        let police = try await city.organization("市公安局")
        let draft = ResourceDraft(
            name: "人口测试", categoryCode: "101009", providerID: police.id, sharing: .conditional, sharingCondition: "测试", sharingModes: [.api],
            open: .notOpen, grade: .l3,
            fields: [
                Field(name: "公民身份号码", code: "gmsfhm", type: .string, length: 18, required: true, primaryKey: true, sensitivity: .l3),
                Field(name: "姓名", code: "xm", type: .string, length: 20, required: true, sensitivity: .l2),
                Field(name: "性别", code: "xb", type: .string, length: 1),
                Field(name: "出生日期", code: "csrq", type: .date),
                Field(name: "手机号码", code: "sjhm", type: .string, sensitivity: .l3),
                Field(name: "年龄", code: "nl", type: .integer),
            ],
            rules: [
                QualityRule(kind: .residentID, field: "gmsfhm"),
                QualityRule(kind: .codeList, field: "xb", values: ["男", "女"]),
                QualityRule(kind: .mobile, field: "sjhm"),
                QualityRule(kind: .dateNotFuture, field: "csrq"),
                QualityRule(kind: .crossField, field: "csrq", otherField: "gmsfhm", check: .birthDateMatchesID),
                QualityRule(kind: .range, field: "nl", min: 0, max: 150),
            ])
        let r = try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: try body(draft))
        #expect(r.status == .created)
        return try #require(try json(r.body)["code"] as? String)
    }

    func post(_ client: any TestClientProtocol, _ code: String, token: String, _ text: String, query: String = "", contentType: String = "text/csv",
              data: Data? = nil, key: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: contentType]
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await client.execute(uri: "/api/v1/resources/\(code)/batches\(query)", method: .post, headers: headers,
                                        body: ByteBuffer(bytes: data ?? Data(text.utf8)))
    }

    func count(_ city: TestCity, _ code: String) async throws -> Int {
        try await city.store.records(code: code, page: PageRequest(limit: 1)).total
    }

    static let good = """
        gmsfhm,xm,xb,csrq,sjhm,nl
        330106199001010018,张三,男,1990-01-01,13800138000,35
        110102199101010078,李四,女,1991/01/01,18012341234,34
        33060219900101001X,王五,男,19900101,,36
        """

    @Test func csvRowsAreCheckedStoredAndCounted() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let code = try await makeResource(city, client, token: token)
            let csv = Self.good + """

                36042619910102009X,错校验,男,1991-01-02,13800000000,30
                360426199101010071,生日不符,男,1991-01-02,13800000001,30
                44011320141005001X,,女,2014-10-05,12345,10
                44011320141005001X,重复,女,2014-10-05,13800000002,200
                """
            let r = try await post(client, code, token: token, csv)
            #expect(r.status == .created)
            let report = try json(r.body)
            #expect(report["rowsTotal"] as? Int == 7)
            #expect(report["rowsStored"] as? Int == 3)
            #expect(report["problemRows"] as? Int == 4)
            let dims = try #require(report["dimensions"] as? [String: [String: Int]])
            #expect((dims["completeness"]?["failed"] ?? 0) >= 1)
            #expect((dims["conformity"]?["failed"] ?? 0) >= 2)
            #expect((dims["consistency"]?["failed"] ?? 0) == 1)
            #expect((dims["uniqueness"]?["failed"] ?? 0) == 1)
            #expect(try await count(city, code) == 3)
            // Dates are normalised; numbers typed.
            let records = try json(try await client.execute(uri: "/api/v1/resources/\(code)/records", method: .get, headers: .bearer(token)).body)
            let rows = try #require(records["items"] as? [[String: Any]])
            #expect(rows.contains { $0["csrq"] as? String == "1991-01-01" && $0["nl"] as? Int == 34 })
            // Problem data names row, field, rule and value.
            let problems = try json(try await client.execute(uri: "/api/v1/resources/\(code)/problems", method: .get, headers: .bearer(token)).body)
            let items = try #require(problems["items"] as? [[String: Any]])
            #expect(items.contains { $0["rowNumber"] as? Int == 5 && $0["field"] as? String == "gmsfhm" && $0["rule"] as? String == "residentID" })
            #expect(items.contains { $0["rowNumber"] as? Int == 7 && $0["field"] as? String == "xm" && $0["rule"] as? String == "notNull" })
            #expect(items.contains { $0["rowNumber"] as? Int == 8 && $0["rule"] as? String == "range" && $0["value"] as? String == "200" })
            let download = try await client.execute(uri: "/api/v1/resources/\(code)/problems?format=csv", method: .get, headers: .bearer(token))
            let sheet = try CSV.parse(Data(buffer: download.body))
            #expect(sheet.first?.prefix(2) == ["gmsfhm", "xm"])
            #expect(sheet.count == 1 + items.count)
            // Quality figures come from the counters.
            let quality = try json(try await client.execute(uri: "/api/v1/resources/\(code)/quality", method: .get, headers: .bearer(token)).body)
            #expect(quality["openProblems"] as? Int == items.count)
            #expect(quality["latestBatchClean"] as? Bool == false)
            #expect((quality["score"] as? Double ?? 100) < 100)
        }
    }

    @Test func gb18030AndJSONFormats() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let code = try await makeResource(city, client, token: token)
            let gbk = try #require(Self.good.data(using: String.Encoding(rawValue: 0x8000_0632)))
            #expect(gbk != Data(Self.good.utf8))
            let r = try await post(client, code, token: token, "", contentType: "text/csv; charset=gbk", data: gbk)
            #expect(r.status == .created)
            #expect(try json(r.body)["rowsStored"] as? Int == 3)
            let records = try json(try await client.execute(uri: "/api/v1/resources/\(code)/records", method: .get, headers: .bearer(token)).body)
            #expect((records["items"] as? [[String: Any]])?.contains { $0["xm"] as? String == "张三" } == true)
            // Undeclared GB18030 is detected too.
            let detected = try await post(client, code, token: token, "", query: "?mode=upsert", data: gbk)
            #expect(try json(detected.body)["rowsStored"] as? Int == 3)

            let lines = """
                {"gmsfhm": "44011320141005001X", "xm": "赵六", "nl": 10}
                {"gmsfhm": "360426199101010071", "xm": "孙七", "csrq": "1991-01-01"}
                """
            let jl = try await post(client, code, token: token, lines, contentType: "application/x-ndjson")
            #expect(try json(jl.body)["rowsStored"] as? Int == 2)
            let array = #"[{"gmsfhm": "110101199003070011", "xm": "周八"}, {"gmsfhm": "bad", "xm": "吴九"}]"#
            let ja = try await post(client, code, token: token, array, contentType: "application/json")
            let report = try json(ja.body)
            #expect(report["rowsStored"] as? Int == 1 && report["problemRows"] as? Int == 1)
            #expect(try await count(city, code) == 6)
        }
    }

    @Test func modesAppendUpsertReplace() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let code = try await makeResource(city, client, token: token)
            _ = try await post(client, code, token: token, Self.good)
            // Appending a stored key is a uniqueness problem, not an overwrite.
            let again = try json(try await post(client, code, token: token, "gmsfhm,xm\n330106199001010018,张三改\n").body)
            #expect(again["rowsStored"] as? Int == 0 && again["problemRows"] as? Int == 1)
            let upsert = try json(try await post(client, code, token: token, "gmsfhm,xm\n330106199001010018,张三改\n", query: "?mode=upsert").body)
            #expect(upsert["rowsStored"] as? Int == 1)
            let records = try await city.store.records(code: code, page: PageRequest(limit: 10))
            #expect(records.total == 3)
            #expect(records.items.contains { $0["xm"] == .text("张三改") })
            // The stored-key problem closed when the upsert brought the row in.
            #expect(try await city.store.problems(code: code, status: "open").total == 0)
            let replace = try json(try await post(client, code, token: token, "gmsfhm,xm\n110101199003070011,周八\n", query: "?mode=replace").body)
            #expect(replace["rowsStored"] as? Int == 1)
            #expect(try await count(city, code) == 1)
        }
    }

    @Test func retriedBatchIsStoredAndCountedOnce() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let code = try await makeResource(city, client, token: token)
            let first = try await post(client, code, token: token, Self.good, key: "upload-42")
            #expect(first.status == .created)
            let second = try await post(client, code, token: token, Self.good, key: "upload-42")
            #expect(second.status == .ok)
            let a = try json(first.body), b = try json(second.body)
            #expect(a["id"] as? Int == b["id"] as? Int && b["replayed"] as? Bool == true)
            #expect(try await count(city, code) == 3)
            #expect(try await city.store.batches(code: code).total == 1)
        }
    }

    @Test func fixedRowClosesItsProblem() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let code = try await makeResource(city, client, token: token)
            _ = try await post(client, code, token: token, "gmsfhm,xm,sjhm\n330106199001010018,张三,1380013800\n")
            #expect(try await city.store.problems(code: code).total == 1)
            _ = try await post(client, code, token: token, "gmsfhm,xm,sjhm\n330106199001010018,张三,13800138000\n", query: "?mode=upsert")
            #expect(try await city.store.problems(code: code).total == 0)
            #expect(try await city.store.problems(code: code, status: "closed").total == 1)
        }
    }

    @Test func malformedBatchesStoreNothing() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let code = try await makeResource(city, client, token: token)
            // A wrong column count 1,000 rows in: the first 999 good rows are not kept either.
            var csv = "gmsfhm,xm\n"
            for i in 0..<999 { csv += "\(ResidentIDs.make(i)),人\(i)\n" }
            csv += "330106199001010018,张三,多余\n"
            let midway = try expectProblem(try await post(client, code, token: token, csv), .badRequest)
            let error = try #require((midway["errors"] as? [[String: Any]])?.first)
            #expect(error["row"] as? Int == 1001)
            #expect(try await count(city, code) == 0)

            let quote = try expectProblem(try await post(client, code, token: token, "gmsfhm,xm\n330106199001010018,\"张三\n"), .badRequest)
            #expect((quote["errors"] as? [[String: Any]])?.first?["row"] as? Int == 2)
            let unknown = try expectProblem(try await post(client, code, token: token, "gmsfhm,xm,colour\n330106199001010018,张三,red\n"), .badRequest)
            #expect((unknown["errors"] as? [[String: Any]])?.first?["column"] as? String == "colour")
            let bytes = Data("gmsfhm,xm\n330106199001010018,".utf8) + Data([0xFF, 0xFE, 0x41]) + Data("\n".utf8)
            try expectProblem(try await post(client, code, token: token, "", query: "?charset=utf-8", data: bytes), .badRequest)
            try expectProblem(try await post(client, code, token: token, "{\"gmsfhm\": [1]}\n", contentType: "application/x-ndjson"), .badRequest)
            try expectProblem(try await post(client, "101009-09999", token: token, Self.good), .notFound)
            try expectProblem(try await post(client, code, token: token, Self.good, query: "?mode=merge"), .badRequest)
            #expect(try await count(city, code) == 0)
            // Rejected batches stay in the history, marked so.
            let history = try await city.store.batches(code: code)
            #expect(history.items.allSatisfy { $0.status == "rejected" } && history.total >= 4)
        }
    }

    /// Rows are written chunk by chunk while later rows are still being read, and into an
    /// empty table the key index is built only at the end. A fault after several chunks were
    /// written still leaves nothing, and the key index is there for the batches that follow.
    @Test func lateFaultAfterWrittenChunksStoresNothing() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let code = try await makeResource(city, client, token: token)
            var csv = "gmsfhm,xm\n"
            for i in 0..<10_000 { csv += "\(ResidentIDs.make(i)),人\(i)\n" }
            let late = try expectProblem(try await post(client, code, token: token, csv + "330106199001010018,张三,多余\n"), .badRequest)
            #expect((late["errors"] as? [[String: Any]])?.first?["row"] as? Int == 10_002)
            #expect(try await count(city, code) == 0)
            #expect(try await city.store.problems(code: code).total == 0)

            let stored = try json(try await post(client, code, token: token, csv).body)
            #expect(stored["rowsStored"] as? Int == 10_000)
            #expect(try await count(city, code) == 10_000)
            // The index is back: appending a stored key is caught, and an upsert finds its row.
            let again = try json(try await post(client, code, token: token, "gmsfhm,xm\n\(ResidentIDs.make(7)),重复\n").body)
            #expect(again["rowsStored"] as? Int == 0 && again["problemRows"] as? Int == 1)
            let upsert = try json(try await post(client, code, token: token, "gmsfhm,xm\n\(ResidentIDs.make(7)),改名\n", query: "?mode=upsert").body)
            #expect(upsert["rowsStored"] as? Int == 1)
            #expect(try await count(city, code) == 10_000)
        }
    }

    /// A body that arrives in many small chunks — each chunk's rules evaluated while the chunk
    /// before is concluded — gives the batch, stored rows and problem data that the same body
    /// in one chunk gives.
    @Test func smallChunksGiveTheSameBatchAsOneChunk() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let whole = try await makeResource(city, client, token: token)
            let chunked = try await makeResource(city, client, token: token)
            var csv = "gmsfhm,xm,xb,csrq,sjhm,nl\n"
            for i in 0..<3000 {
                // Keys repeat after 2,500 rows; some values break the code list, the mobile format or the range.
                csv += "\(ResidentIDs.make(i % 2500)),人\(i),\(i % 13 == 0 ? "X" : "男"),,\(i % 17 == 0 ? "123" : "13800138000"),\(i % 19 == 0 ? 200 : 30)\n"
            }
            let data = Data(csv.utf8)
            let admin = Principal(userID: 1, username: "admin", displayName: "a", role: .admin, organizationID: nil)
            func body(_ size: Int) -> AsyncStream<Data> {
                AsyncStream { sink in
                    for start in stride(from: 0, to: data.count, by: size) { sink.yield(Data(data[start..<min(start + size, data.count)])) }
                    sink.finish()
                }
            }
            let one = try await city.store.ingest(code: whole, chunks: body(data.count), options: IngestOptions(), by: admin)
            let many = try await city.store.ingest(code: chunked, chunks: body(997), options: IngestOptions(), by: admin)
            #expect(one.rowsTotal == 3000 && one.rowsStored > 0 && one.problemRows > 500)
            #expect(many.rowsTotal == one.rowsTotal && many.rowsStored == one.rowsStored && many.problemRows == one.problemRows)
            #expect(many.dimensions == one.dimensions)
            #expect(try await count(city, chunked) == one.rowsStored)
            func problems(_ code: String) async throws -> [String] {
                var all: [String] = []
                while true {
                    let page = try await city.store.problems(code: code, page: PageRequest(limit: 500, offset: all.count))
                    all += page.items.map { "\($0.rowNumber) \($0.rule) \($0.field ?? "-") \($0.key ?? "-") \($0.value ?? "-")" }
                    if page.items.isEmpty || all.count >= page.total { return all.sorted() }
                }
            }
            let expected = try await problems(whole)
            #expect(expected.count > 500)
            #expect(try await problems(chunked) == expected)
        }
    }

    @Test func onlyTheProviderMayPush() async throws {
        try await TestCity.run { city, client in
            let police = try await city.token("police")
            let code = try await makeResource(city, client, token: police)
            for user in ["hrss", "query", "approver"] {
                try expectProblem(try await post(client, code, token: try await city.token(user), Self.good), .forbidden)
                try expectProblem(try await client.execute(uri: "/api/v1/resources/\(code)/records", method: .get, headers: .bearer(try await city.token(user))), .forbidden)
            }
            try expectProblem(try await client.execute(uri: "/api/v1/resources/\(code)/batches", method: .post, headers: [.contentType: "text/csv"], body: ByteBuffer(string: Self.good)), .unauthorized)
            #expect(try await count(city, code) == 0)
            #expect(try await post(client, code, token: try await city.token("admin"), Self.good).status == .created)
        }
    }

    @Test func storedDataConstrainsCatalogChanges() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let code = try await makeResource(city, client, token: token)
            _ = try await post(client, code, token: token, Self.good)
            var draft = try await city.store.resource(code: code).draft
            draft.fields[5].type = .string
            try expectProblem(try await client.execute(uri: "/api/v1/resources/\(code)", method: .put, headers: .bearer(token), body: try body(draft)),
                              .unprocessableContent, field: "fields[5].type")
            draft.fields[5].type = .integer
            draft.fields.append(Field(name: "民族", code: "mz", type: .string))
            #expect(try await client.execute(uri: "/api/v1/resources/\(code)", method: .put, headers: .bearer(token), body: try body(draft)).status == .ok)
            let r = try await post(client, code, token: token, "gmsfhm,xm,mz\n110101199003070011,周八,汉族\n")
            #expect(try json(r.body)["rowsStored"] as? Int == 1)
        }
    }

    @Test func summaryShowsGovernanceProgress() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let code = try await makeResource(city, client, token: token)
            // The demo city already holds records for its open datasets; count from there.
            let before = try json(try await client.execute(uri: "/api/v1/quality/summary", method: .get, headers: .bearer(token)).body)
            let collected = try #require(before["collectedResources"] as? Int), governed = try #require(before["governedResources"] as? Int)
            _ = try await post(client, code, token: token, Self.good)
            let summary = try json(try await client.execute(uri: "/api/v1/quality/summary", method: .get, headers: .bearer(token)).body)
            #expect(summary["collectedResources"] as? Int == collected + 1 && summary["governedResources"] as? Int == governed + 1)
            let resources = try #require(summary["resources"] as? Int)
            #expect(abs((summary["governanceProgress"] as? Double ?? 0) - Double(governed + 1) / Double(resources)) < 1e-9)
        }
    }
}

/// Valid resident IDs for bulk tests.
enum ResidentIDs {
    static func make(_ i: Int) -> String {
        let body = "330106" + "1990" + String(format: "%02d%02d", 1 + i / 28 % 12, 1 + i % 28) + String(format: "%03d", i % 1000)
        return body + String(ResidentID.checkCharacter(for: body) ?? "0")
    }
}

@Suite struct RuleSettingTests {
    @Test func rulesComeFromTheCatalogSpreadsheet() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            var rows = [CatalogTemplate.columns]
            func row(_ field: String, _ code: String, _ rule: String, key: Bool = false) -> [String] {
                var cells = [String](repeating: "", count: CatalogTemplate.columns.count)
                for (column, value) in ["资源名称": "规则测试", "资源分类代码": "301002", "提供方": "市公安局", "共享属性": "有条件共享", "共享条件": "测试",
                                        "共享方式": "接口调用", "开放属性": "禁止开放", "安全级别": "L3", "信息项名称": field, "信息项代码": code,
                                        "数据类型": "字符型", "必填": key ? "是" : "否", "主键": key ? "是" : "否", "敏感级别": "L3", "质量规则": rule] {
                    cells[CatalogTemplate.columns.firstIndex(of: column)!] = value
                }
                return cells
            }
            rows.append(row("公民身份号码", "gmsfhm", "身份证", key: true))
            rows.append(row("性别", "xb", "码表:男|女"))
            rows.append(row("手机", "sjhm", "手机；颜色:红"))
            let bad = try await client.execute(uri: "/api/v1/catalog/import", method: .post, headers: .bearer(token, json: false), body: ByteBuffer(bytes: CSV.write(rows)))
            let problem = try expectProblem(bad, .unprocessableContent)
            let error = try #require((problem["errors"] as? [[String: Any]])?.first)
            #expect(error["row"] as? Int == 4 && error["column"] as? String == "质量规则")
            rows[3] = row("手机", "sjhm", "手机")
            let ok = try json(try await client.execute(uri: "/api/v1/catalog/import", method: .post, headers: .bearer(token, json: false), body: ByteBuffer(bytes: CSV.write(rows))).body)
            let code = try #require((ok["created"] as? [String])?.first)
            let resource = try await city.store.resource(code: code)
            #expect(resource.draft.rules.map(\.kind) == [.residentID, .codeList, .mobile])
            // The export writes the same notation back.
            let exported = try await city.store.exportCatalogRows()
            let ruleColumn = try #require(exported[0].firstIndex(of: "质量规则"))
            #expect(exported.contains { $0[0] == code && $0[ruleColumn] == "码表:男|女" })
            // And the rules apply to collection.
            let report = try await client.execute(uri: "/api/v1/resources/\(code)/batches", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"],
                                                  body: ByteBuffer(string: "gmsfhm,xb,sjhm\n330106199001010018,男,13800138000\n110102199101010078,X,138\n"))
            let counts = try json(report.body)
            #expect(counts["rowsStored"] as? Int == 1 && counts["problemRows"] as? Int == 1)
        }
    }

    @Test func referenceRuleLooksInTheOtherResource() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let police = try await city.organization("市公安局")
            func create(_ draft: ResourceDraft) async throws -> String {
                let r = try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: try body(draft))
                #expect(r.status == .created, "\(String(buffer: r.body))")
                return try #require(try json(r.body)["code"] as? String)
            }
            let people = try await create(ResourceDraft(name: "人员", categoryCode: "301003", providerID: police.id, sharing: .unconditional, sharingModes: [.api],
                                                        open: .notOpen, grade: .l3, fields: [Field(name: "身份证", code: "gmsfhm", type: .string, required: true, primaryKey: true, sensitivity: .l3)]))
            let cars = try await create(ResourceDraft(name: "车辆", categoryCode: "301003", providerID: police.id, sharing: .unconditional, sharingModes: [.api],
                                                      open: .notOpen, grade: .l3,
                                                      fields: [Field(name: "号牌", code: "hphm", type: .string, required: true, primaryKey: true),
                                                               Field(name: "车主身份证", code: "czsfzh", type: .string, sensitivity: .l3)],
                                                      rules: [QualityRule(kind: .reference, field: "czsfzh", referenceResource: people, referenceField: "gmsfhm")]))
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "text/csv"]
            _ = try await client.execute(uri: "/api/v1/resources/\(people)/batches", method: .post, headers: headers, body: ByteBuffer(string: "gmsfhm\n330106199001010018\n"))
            let r = try json(try await client.execute(uri: "/api/v1/resources/\(cars)/batches", method: .post, headers: headers,
                                                      body: ByteBuffer(string: "hphm,czsfzh\n浙A12345,330106199001010018\n浙A54321,110102199101010078\n")).body)
            #expect(r["rowsStored"] as? Int == 1 && r["problemRows"] as? Int == 1)
            #expect((r["dimensions"] as? [String: [String: Int]])?["relations"]?["failed"] == 1)
        }
    }
}

@Suite struct DryRunTests {
    @Test func dryRunReportsButStoresNothing() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("police")
            let code = try await CollectionTests().makeResource(city, client, token: token)
            let r = try await client.execute(uri: "/api/v1/resources/\(code)/batches?dryRun=true", method: .post,
                                             headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: CollectionTests.good))
            #expect(r.status == .ok)
            let report = try json(r.body)
            #expect(report["status"] as? String == "checked" && report["rowsStored"] as? Int == 3)
            #expect(try await city.store.records(code: code).total == 0)
            #expect(try await city.store.batches(code: code).total == 0)
        }
    }
}
