import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiSpreadsheet
import ShuhuiStore
import Testing

@Suite struct OpenDataVisibilityTests {
    /// L4 and 禁止开放 resources never appear in any open endpoint, including one that was
    /// published while open and closed afterwards.
    @Test func hiddenResourcesNeverAppear() async throws {
        try await TestCity.run { city, client in
            let admin = try #require(try await city.store.authenticate(username: "admin", password: "shuhui-admin")).principal
            // A published open dataset that is then closed (禁止开放) must vanish everywhere.
            let closed = try #require(try await city.store.openDatasets().first { $0.resource.draft.name == "公共自行车站点信息" })
            var draft = closed.resource.draft
            draft.open = .notOpen
            _ = try await city.store.updateResource(code: closed.resource.code, draft, by: admin)

            let resources = try await city.store.resources()
            let hidden = resources.filter { OpenPolicy.access($0) == nil }
            #expect(hidden.contains { $0.draft.grade == .l4 })
            #expect(hidden.contains { $0.draft.open == .notOpen })
            let visible = resources.filter { OpenPolicy.access($0) != nil }
            #expect(visible.count >= 20)

            // Publishing a hidden resource is refused.
            let token = try await city.token("admin")
            for r in hidden.prefix(3) {
                let p = try await post(client, "/api/v1/open/publications", token, ["resourceCode": r.code])
                try expectProblem(p, .unprocessableContent, field: "code")
            }

            let names = try #require(try ckanResult(try await ckan(client, "package_list")) as? [String])
            #expect(Set(names) == Set(visible.map { $0.code.lowercased() }))
            let search = try #require(try ckanResult(try await ckan(client, "package_search", get: ["rows": "1000"])) as? [String: Any])
            let results = try #require(search["results"] as? [[String: Any]])
            #expect(search["count"] as? Int == visible.count && results.count == visible.count)
            let catalogTTL = try await text(client, "/catalog.ttl?page_size=1000").1
            let catalogLD = try await text(client, "/catalog.jsonld?page_size=1000").1
            let search1 = try await text(client, "/open/search").1
            let home = try await text(client, "/open").1
            let tags = try #require(try ckanResult(try await ckan(client, "tag_list")) as? [String])
            for r in hidden {
                let name = r.code.lowercased()
                ckanError(try await ckan(client, "package_show", get: ["id": name]), .notFound, "Not Found Error")
                ckanError(try await ckan(client, "package_show", post: ["id": name]), .notFound, "Not Found Error")
                for text in [catalogTTL, catalogLD, search1, home] {
                    #expect(!text.contains("/dataset/\(name)") && !text.contains("/open/datasets/\(name)"), "\(r.code) leaked")
                }
                #expect(try await text(client, "/open/datasets/\(name)").0 == .notFound)
                #expect(try await text(client, "/open/datasets/\(name)/download.csv").0 == .notFound)
                #expect(try await text(client, "/dataset/\(name).ttl").0 == .notFound)
                #expect(!results.contains { ($0["name"] as? String) == name })
            }
            // The closed dataset's resources and datastore are gone too.
            ckanError(try await ckan(client, "datastore_search", get: ["resource_id": "\(closed.uid)-csv"]), .notFound, "Not Found Error")
            ckanError(try await ckan(client, "resource_show", get: ["id": "\(closed.uid)-json"]), .notFound, "Not Found Error")
            #expect(!tags.isEmpty)
            // Organisations list only units with visible datasets, and their datasets are visible ones.
            let orgs = try #require(try ckanResult(try await ckan(client, "organization_list", get: ["all_fields": "true"])) as? [[String: Any]])
            #expect(orgs.reduce(0) { $0 + (($1["package_count"] as? Int) ?? 0) } == visible.count)
        }
    }
}

@Suite struct OpenDataRestrictedTests {
    /// A restricted dataset's rows are masked for an approved applicant and refused (403) to
    /// the public, to unapproved developers and before approval.
    @Test func restrictedDataMaskedForApprovedApplicantOnly() async throws {
        try await TestCity.run { city, client in
            let ds = try #require(try await city.store.openDatasets().first { $0.resource.draft.name == "失信被执行人名单" })
            #expect(ds.access == .restricted)
            let resource = "\(ds.uid)-csv"
            let applicant = try await registerDeveloper(client, email: "applicant@example.com")
            let stranger = try await registerDeveloper(client, email: "stranger@example.com")

            // Nobody gets rows before approval.
            for headers: HTTPFields in [[:], [.authorization: applicant], [HTTPField.Name("X-App-Key")!: stranger]] {
                ckanError(try await ckan(client, "datastore_search", get: ["resource_id": resource], headers: headers), .forbidden, "Authorization Error")
                let d = try await client.execute(uri: "/open/datasets/\(ds.name)/download.csv", method: .get, headers: headers, body: nil)
                try expectProblem(d, .forbidden)
            }
            ckanError(try await ckan(client, "datastore_search", get: ["resource_id": resource], headers: [.authorization: "odk_wrong"]), .forbidden, "Authorization Error")

            // The applicant applies; another unit cannot decide; the bureau approves.
            let applied = try await client.execute(uri: "/api/v1/open/datasets/\(ds.name)/applications", method: .post,
                                                   headers: [HTTPField.Name("X-App-Key")!: applicant, .contentType: "application/json"],
                                                   body: try body(["purpose": "合作方失信核查"]))
            #expect(applied.status == .created, "\(String(buffer: applied.body))")
            let id = try #require(try json(applied.body)["id"] as? Int)
            try expectProblem(try await post(client, "/api/v1/open/applications/\(id)/decision", try await city.token("police"), ["decision": "approve"]), .forbidden)
            try expectProblem(try await post(client, "/api/v1/open/applications/\(id)/decision", try await city.token("admin"), ["decision": "refuse"]), .unprocessableContent, field: "reason")
            let approved = try json(try await post(client, "/api/v1/open/applications/\(id)/decision", try await city.token("admin"), ["decision": "approve"]).body)
            #expect(approved["state"] as? String == "approved")

            // Masked for the applicant: the ID shows first 6 and last 4 only.
            let result = try #require(try ckanResult(try await ckan(client, "datastore_search", post: ["resource_id": resource, "limit": 50], headers: [.authorization: applicant])) as? [String: Any])
            let records = try #require(result["records"] as? [[String: Any]])
            #expect(records.count == 50 && result["total"] as? Int == ds.latest.rowCount)
            for r in records {
                let id = try #require(r["zjhm"] as? String)
                #expect(id.count == 18 && id.dropFirst(6).prefix(8) == "********", "\(id)")
            }
            // Raw IDs never leave: compare with the snapshot itself.
            let raw = try await city.store.records(code: ds.resource.code, page: PageRequest(limit: 200)).items.compactMap { ($0["zjhm"] ?? nil)?.description }
            let shown = Set(records.compactMap { $0["zjhm"] as? String })
            #expect(shown.isDisjoint(with: raw))
            // Masked columns cannot be filtered on (that would reveal them).
            ckanError(try await ckan(client, "datastore_search", post: ["resource_id": resource, "filters": ["zjhm": raw[0]]], headers: [.authorization: applicant]),
                      .conflict, "Validation Error")
            // Columns shown as stored can be filtered on.
            let court = try #require(records.first?["zxfy"] as? String)
            let byCourt = try #require(try ckanResult(try await ckan(client, "datastore_search", post: ["resource_id": resource, "filters": ["zxfy": court]], headers: [.authorization: applicant])) as? [String: Any])
            #expect((byCourt["total"] as? Int ?? 0) > 0)
            // Downloads are masked the same way; a stranger is still refused.
            let csv = try await text(client, "/open/datasets/\(ds.name)/download.csv", headers: [HTTPField.Name("X-App-Key")!: applicant])
            #expect(csv.0 == .ok)
            #expect(raw.allSatisfy { !csv.1.contains($0) })
            #expect(csv.1.split(separator: "\r\n").count == ds.latest.rowCount + 1)
            ckanError(try await ckan(client, "datastore_search", get: ["resource_id": resource], headers: [.authorization: stranger]), .forbidden, "Authorization Error")
        }
    }
}

@Suite struct OpenDataCKANTests {
    @Test func envelopesAndErrorTypes() async throws {
        try await TestCity.run { city, client in
            let ds = try #require(try await city.store.openDatasets().first { $0.resource.draft.name == "空气质量实时监测信息" })
            for prefix in ["/api/action", "/api/3/action"] {
                let pkg = try #require(try ckanResult(try await ckan(client, "package_show", get: ["id": ds.name, "use_default_schema": "true"], prefix: prefix)) as? [String: Any])
                #expect(pkg["id"] as? String == ds.uid && pkg["name"] as? String == ds.name && pkg["type"] as? String == "dataset")
                #expect(pkg["private"] as? Bool == false && pkg["state"] as? String == "active" && pkg["num_resources"] as? Int == 3)
                #expect((pkg["organization"] as? [String: Any])?["name"] as? String == ds.publisher.slug)
                #expect((pkg["resources"] as? [[String: Any]])?.map { $0["format"] as? String } == ["CSV", "JSON", "XLSX"])
                #expect((pkg["tags"] as? [[String: Any]])?.allSatisfy { $0["name"] is String } == true)
                #expect(ISODates.parse(pkg["metadata_modified"] as? String ?? "") != nil)
                let byPost = try #require(try ckanResult(try await ckan(client, "package_show", post: ["id": ds.uid, "unknown_key": 1], prefix: prefix)) as? [String: Any])
                #expect(byPost["name"] as? String == ds.name)
            }
            ckanError(try await ckan(client, "package_show"), .conflict, "Validation Error")
            ckanError(try await ckan(client, "package_show", get: ["id": "no-such-dataset"]), .notFound, "Not Found Error")
            ckanError(try await ckan(client, "package_search", get: ["fq": "nosuchfield:x"]), .badRequest, "Search Query Error")
            ckanError(try await ckan(client, "package_search", get: ["q": "title:(unclosed"]), .badRequest, "Search Query Error")
            ckanError(try await ckan(client, "package_search", get: ["sort": "title sideways"]), .badRequest, "Search Query Error")
            ckanError(try await ckan(client, "package_search", get: ["rows": "ten"]), .conflict, "Validation Error")
            ckanError(try await ckan(client, "datastore_search", get: ["resource_id": "\(ds.uid)-csv", "sort": "nosuch asc"]), .conflict, "Validation Error")
            ckanError(try await ckan(client, "datastore_search", get: [:]), .conflict, "Validation Error")
            let unknown = try await ckan(client, "package_create", post: ["name": "x"])
            #expect(unknown.0 == .badRequest && unknown.1["success"] as? Bool == false)
            let bad = try await client.execute(uri: "/api/action/package_search", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{not json"))
            let badBody = try json(bad.body)
            #expect(bad.status == .badRequest && badBody["success"] as? Bool == false)
            // Harvesters and Python's urlencode write spaces as `+`.
            let plus = try await client.execute(uri: "/api/3/action/package_search?sort=id+asc&fq=metadata_modified:%5B2000-01-01T00:00:00Z+TO+*%5D&rows=1", method: .get)
            let plusBody = try json(plus.body)
            #expect(plus.status == .ok && (plusBody["result"] as? [String: Any])?["sort"] as? String == "id asc", "\(plusBody)")
            let status = try #require(try ckanResult(try await ckan(client, "status_show")) as? [String: Any])
            #expect(status["ckan_version"] is String)

            // package_search: q, fq with field:value, negation, OR, parentheses, ranges, facets, rows cap.
            func count(_ params: [String: String]) async throws -> Int {
                try #require((try ckanResult(try await ckan(client, "package_search", get: params)) as? [String: Any])?["count"] as? Int)
            }
            let all = try await city.store.openDatasets()
            let org = ds.publisher.slug
            #expect(try await count([:]) == all.count)
            #expect(try await count(["q": "空气"]) == all.filter { CKANFixture.text($0).contains("空气") }.count)
            #expect(try await count(["fq": "organization:\(org)"]) == all.filter { $0.publisher.slug == org }.count)
            #expect(try await count(["fq": "-organization:\(org)"]) == all.filter { $0.publisher.slug != org }.count)
            #expect(try await count(["fq": "access:restricted OR access:open"]) == all.count)
            #expect(try await count(["fq": "(access:restricted OR organization:\(org)) AND res_format:CSV"]) == all.filter { $0.access == .restricted || $0.publisher.slug == org }.count)
            #expect(try await count(["fq": "metadata_modified:[2000-01-01T00:00:00Z TO *]"]) == all.count)
            #expect(try await count(["fq": "metadata_modified:[NOW+1DAY TO *]"]) == 0)
            #expect(try await count(["q": "name:\(ds.name)"]) == 1)
            let capped = try #require(try ckanResult(try await ckan(client, "package_search", get: ["rows": "5000"])) as? [String: Any])
            #expect((capped["results"] as? [Any])?.count == all.count)
            let faceted = try #require(try ckanResult(try await ckan(client, "package_search", get: ["facet.field": "[\"organization\",\"res_format\"]", "rows": "0"])) as? [String: Any])
            let facets = try #require(faceted["facets"] as? [String: [String: Int]])
            #expect(facets["res_format"]?["CSV"] == all.count)
            #expect(facets["organization"]?.values.reduce(0, +) == all.count)
            let newest = try #require((try ckanResult(try await ckan(client, "package_search", get: ["sort": "metadata_modified desc", "rows": "1000"])) as? [String: Any])?["results"] as? [[String: Any]])
            let stamps = newest.compactMap { $0["metadata_modified"] as? String }
            #expect(stamps == stamps.sorted(by: >))

            // datastore_search: filters, q, fields, sort, limit, offset, total.
            let rid = "\(ds.uid)-csv"
            let page = try #require(try ckanResult(try await ckan(client, "datastore_search", post: [
                "resource_id": rid, "filters": ["jcdwmc": "西溪"], "fields": ["jcdwmc", "aqi"], "sort": "aqi desc", "limit": 5, "offset": 2,
            ])) as? [String: Any])
            #expect(page["total"] as? Int == 48)
            let recs = try #require(page["records"] as? [[String: Any]])
            #expect(recs.count == 5 && recs.allSatisfy { $0["jcdwmc"] as? String == "西溪" && $0["xklwnd"] == nil && ($0["_id"] as? Int) != nil })
            let aqis = recs.compactMap { $0["aqi"] as? Int }
            #expect(aqis == aqis.sorted(by: >))
            let searched = try #require(try ckanResult(try await ckan(client, "datastore_search", get: ["resource_id": rid, "q": "卧龙桥", "limit": "1"])) as? [String: Any])
            #expect(searched["total"] as? Int == 48)
            let big = try #require(try ckanResult(try await ckan(client, "datastore_search", get: ["resource_id": rid, "limit": "99999"])) as? [String: Any])
            #expect(big["limit"] as? Int == 32000 && (big["records"] as? [Any])?.count == ds.latest.rowCount)
            let info = try #require(try ckanResult(try await ckan(client, "datastore_info", get: ["resource_id": rid])) as? [String: Any])
            #expect((info["meta"] as? [String: Any])?["count"] as? Int == ds.latest.rowCount)

            // Usage is counted per dataset and day.
            let usage = try await city.store.openUsageTotals()[ds.id]
            #expect((usage?.views ?? 0) >= 4 && (usage?.calls ?? 0) >= 3)
        }
    }

    /// A harvester pages `rows=100&start=N&sort=id asc` (here rows=7 so there are many pages)
    /// and sees every dataset exactly once.
    @Test func harvesterPagingHasNoDuplicatesOrGaps() async throws {
        try await TestCity.run { city, client in
            let expected = Set(try await city.store.openDatasets().map(\.uid))
            for rows in [7, 100] {
                var seen: [String] = []
                var start = 0
                while true {
                    let result = try #require(try ckanResult(try await ckan(client, "package_search", get: [
                        "rows": String(rows), "start": String(start), "sort": "id asc", "fq": "metadata_modified:[2000-01-01T00:00:00Z TO *]",
                    ])) as? [String: Any])
                    let ids = try #require(result["results"] as? [[String: Any]]).compactMap { $0["id"] as? String }
                    #expect(result["count"] as? Int == expected.count)
                    if ids.isEmpty { break }
                    seen += ids
                    start += rows
                }
                #expect(seen.count == expected.count)
                #expect(Set(seen) == expected)
                #expect(seen == seen.sorted())
            }
        }
    }
}

enum CKANFixture {
    static func text(_ ds: OpenDataset) -> String {
        let d = ds.resource.draft
        return ([ds.name, d.name, d.summary, ds.publisher.name, ds.publisher.shortName, OpenTopic.label(ds.topic).zh] + d.tags + ds.fields.map(\.name)).joined(separator: " ").lowercased()
    }
}

@Suite struct OpenDataDistributionTests {
    @Test func downloadsDCATAndPages() async throws {
        try await TestCity.run { city, client in
            let ds = try #require(try await city.store.openDatasets().first { $0.resource.draft.name == "公共自行车站点信息" })
            #expect(ds.latest.rowCount == 300)
            let csv = try await text(client, "/open/datasets/\(ds.name)/download.csv")
            #expect(csv.0 == .ok)
            let lines = csv.1.split(separator: "\r\n")
            #expect(lines.count == 301 && lines[0] == Substring(ds.fields.map(\.code).joined(separator: ",")))
            let jsonBody = try await client.execute(uri: "/open/datasets/\(ds.name)/download.json", method: .get, headers: [:], body: nil)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(buffer: jsonBody.body)) as? [[String: Any]])
            #expect(rows.count == 300 && rows[0]["zdbm"] as? String == "ZD00001")
            let xlsx = try await client.execute(uri: "/open/datasets/\(ds.name)/download.xlsx", method: .get, headers: [:], body: nil)
            #expect(xlsx.status == .ok)
            let sheets = try XLSX.read(Data(buffer: xlsx.body))
            #expect(sheets.first?.rows.count == 302 && sheets.first?.rows[2].first == "ZD00001")
            #expect(try await text(client, "/open/datasets/\(ds.name)/versions/1/download.csv").1 == csv.1)
            #expect(try await text(client, "/open/datasets/\(ds.name)/versions/9/download.csv").0 == .notFound)
            #expect(try await text(client, "/open/datasets/\(ds.name)/download.exe").0 == .notFound)

            // A new publication is a new version with its own snapshot.
            let token = try await city.token("admin")
            let pub = try json(try await post(client, "/api/v1/open/publications", token, ["resourceCode": ds.resource.code]).body)
            #expect(pub["version"] as? Int == 2 && pub["rowCount"] as? Int == 300)

            // DCAT: every visible dataset, paged, with modified_since.
            let all = try await city.store.openDatasets()
            let ttl = try await text(client, "/catalog.ttl?page_size=1000").1
            #expect(ttl.contains("dcat:Catalog") && all.allSatisfy { ttl.contains("/dataset/\($0.name)>") })
            let page2 = try await text(client, "/catalog.ttl?page=2&page_size=10").1
            #expect(page2.contains("hydra:previous"))
            let future = try await text(client, "/catalog.jsonld?modified_since=2999-01-01").1
            #expect(!future.contains("dcat:Dataset"))
            try expectProblem(try await client.execute(uri: "/catalog.ttl?modified_since=yesterday", method: .get, headers: [:], body: nil), .badRequest, field: "modified_since")
            let ld = try #require(try JSONSerialization.jsonObject(with: Data(buffer: try await client.execute(uri: "/dataset/\(ds.name).jsonld", method: .get, headers: [:], body: nil).body)) as? [String: Any])
            #expect((ld["@graph"] as? [Any])?.isEmpty == false)

            // Pages, without login, zh-CN first and English on request.
            let home = try await text(client, "/open")
            #expect(home.0 == .ok && home.1.contains("开放数据集") && home.1.contains(String(all.count)))
            #expect(try await text(client, "/open?lang=en").1.contains("Open datasets"))
            let page = try await text(client, "/open/datasets/\(ds.name)")
            #expect(page.1.contains("<svg") && page.1.contains("ZD00001"))
            let found = try await text(client, "/open/search?q=自行车")
            #expect(found.1.contains("/open/datasets/\(ds.name)"))
            #expect(try await text(client, "/open/search?format=EXE").0 == .badRequest)
            #expect(try await text(client, "/open/apps").1.contains("骑行杭州"))
            #expect(try await text(client, "/open/api").0 == .ok)
        }
    }

    @Test func developerRegistrationChecksCreditCode() async throws {
        try await TestCity.run { _, client in
            let bad = try await client.execute(uri: "/api/v1/open/developers", method: .post, headers: [.contentType: "application/json"],
                                               body: try body(["kind": "company", "name": "某公司", "email": "a@b.cn", "creditCode": "91110000600037341N"]))
            try expectProblem(bad, .unprocessableContent, field: "creditCode")
            let ok = try await client.execute(uri: "/api/v1/open/developers", method: .post, headers: [.contentType: "application/json"],
                                              body: try body(["kind": "company", "name": "某公司", "email": "a@b.cn", "creditCode": "91110000600037341L"]))
            #expect(ok.status == .created)
            let again = try await client.execute(uri: "/api/v1/open/developers", method: .post, headers: [.contentType: "application/json"],
                                                 body: try body(["kind": "person", "name": "某人", "email": "A@b.cn"]))
            try expectProblem(again, .unprocessableContent, field: "email")
            let key = try #require((try json(ok.body)["appKey"] as? [String: Any])?["secret"] as? String)
            let me = try await client.execute(uri: "/api/v1/open/me", method: .get, headers: [HTTPField.Name("X-App-Key")!: key], body: nil)
            #expect(me.status == .ok)
            let limited = try json(try await client.execute(uri: "/api/v1/open/keys", method: .post, headers: [HTTPField.Name("X-App-Key")!: key, .contentType: "application/json"],
                                                            body: try body(["name": "tiny", "dailyQuota": 1])).body)
            let tiny = try #require(limited["secret"] as? String)
            _ = try ckanResult(try await ckan(client, "status_show", get: [:]))
            let first = try await ckan(client, "package_list", get: [:], headers: [.authorization: tiny])
            #expect(first.0 == .ok)
            let rid = try #require(((try ckanResult(try await ckan(client, "package_search", get: ["fq": "access:open", "rows": "1"])) as? [String: Any])?["results"] as? [[String: Any]])?.first?["resources"] as? [[String: Any]])
            let resourceID = try #require(rid.first?["id"] as? String)
            _ = try ckanResult(try await ckan(client, "datastore_search", get: ["resource_id": resourceID], headers: [.authorization: tiny]))
            ckanError(try await ckan(client, "datastore_search", get: ["resource_id": resourceID], headers: [.authorization: tiny]), .forbidden, "Authorization Error")
        }
    }
}
