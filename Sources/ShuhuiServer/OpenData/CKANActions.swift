import Foundation
import ShuhuiCore
import ShuhuiStore

/// The catalog actions of the CKAN API. Each reads only ``Store/openDatasets()``, which the
/// open policy filters, so a hidden resource cannot surface through any of them.
enum CKANActions {
    typealias Context = CKANAPI.CKANContext

    static func packageList(_ p: CKANParams, _ c: Context) async throws -> Any {
        let limit = try p.int("limit", default: Int.max), offset = try p.int("offset", default: 0)
        let names = try await c.store.openDatasets().map(\.name).sorted()
        return Array(names.dropFirst(offset).prefix(limit))
    }

    static func packageShow(_ p: CKANParams, _ c: Context) async throws -> Any {
        let id = try p.require("id")
        guard let ds = try await c.store.openDataset(id) else { throw CKANError.notFound() }
        try await c.store.countOpenUsage(ds, .view)
        return CKANDicts.package(ds, base: c.base)
    }

    static func packageSearch(_ p: CKANParams, _ c: Context) async throws -> Any {
        let rows = try p.int("rows", default: 10, max: 1000)
        let start = try p.int("start", default: 0)
        let q = try SearchQuery.parse(p.string("q") ?? "")
        var filters: [SearchQuery] = []
        if let fq = p.string("fq") { filters.append(try SearchQuery.parse(fq)) }
        for fq in try p.list("fq_list") ?? [] { filters.append(try SearchQuery.parse(fq)) }
        let sortText = p.string("sort")?.trimmingCharacters(in: .whitespaces)
        let allowed: Set<String> = ["id", "name", "title", "title_string", "metadata_modified", "metadata_created", "num_resources", "num_tags", "rows"]
        var sort = try SearchSort.parse(sortText?.isEmpty == false ? sortText! : "score desc, metadata_modified desc", allowed: allowed)
        if sort.keys.isEmpty { sort.keys = [("metadata_modified", false)] }
        let facetFields = try p.list("facet.field") ?? []
        let facetLimit = try p.int("facet.limit", default: 50)
        let facetMin = try p.int("facet.mincount", default: 1)

        let datasets = try await c.store.openDatasets()
        var matched: [(OpenDataset, SearchDocument)] = []
        for ds in datasets {
            let doc = CKANDicts.searchDocument(ds)
            guard try q.matches(doc) else { continue }
            var ok = true
            for f in filters where try !f.matches(doc) { ok = false; break }
            if ok { matched.append((ds, doc)) }
        }
        // The id decides ties, so pages never overlap or skip.
        matched.sort { a, b in sort.before(a.1, b.1) ?? (a.0.uid < b.0.uid) }

        var facets: [String: [String: Int]] = [:]
        var searchFacets: [String: Any] = [:]
        for field in facetFields {
            var counts: [String: Int] = [:]
            for (_, doc) in matched {
                switch doc.fields[field] {
                case .keywords(let ks)?: for k in Set(ks) { counts[k, default: 0] += 1 }
                case .text(let t)?: counts[t, default: 0] += 1
                case .number(let n)?: counts[String(Int(n)), default: 0] += 1
                case .date(let d)?: counts[ISODates.ckan(d), default: 0] += 1
                case nil: throw CKANError.search("undefined field \(field)")
                }
            }
            let top = counts.filter { $0.value >= facetMin }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(facetLimit)
            facets[field] = Dictionary(uniqueKeysWithValues: top.map { ($0.key, $0.value) })
            let items = top.map { item -> [String: Any] in
                ["name": item.key, "display_name": CKANDicts.facetLabel(field: field, value: item.key, datasets: datasets), "count": item.value]
            }
            searchFacets[field] = ["title": field, "items": items] as [String: Any]
        }
        let page = matched.dropFirst(start).prefix(rows).map { CKANDicts.package($0.0, base: c.base) }
        return [
            "count": matched.count, "results": Array(page), "facets": facets, "search_facets": searchFacets,
            "sort": sortText?.isEmpty == false ? sortText! : "score desc, metadata_modified desc",
        ] as [String: Any]
    }

    /// Publishing units with at least one visible dataset.
    static func publishers(_ c: Context) async throws -> [(OpenPublisher, [OpenDataset])] {
        let datasets = try await c.store.openDatasets()
        var order: [String] = []
        var by: [String: (OpenPublisher, [OpenDataset])] = [:]
        for ds in datasets {
            if by[ds.publisher.slug] == nil { order.append(ds.publisher.slug); by[ds.publisher.slug] = (ds.publisher, []) }
            by[ds.publisher.slug]?.1.append(ds)
        }
        return order.sorted().compactMap { by[$0] }
    }

    static func topics(_ c: Context) async throws -> [(String, [OpenDataset])] {
        let datasets = try await c.store.openDatasets()
        return Dictionary(grouping: datasets, by: \.topic).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func organizationList(_ p: CKANParams, _ c: Context) async throws -> Any {
        let all = try p.bool("all_fields", default: false)
        let limit = try p.int("limit", default: 1000), offset = try p.int("offset", default: 0)
        var units = try await publishers(c)
        if let wanted = try p.list("organizations") { units = units.filter { wanted.contains($0.0.slug) } }
        let page = units.dropFirst(offset).prefix(limit)
        if all { return page.map { CKANDicts.organization($0.0, count: $0.1.count, created: $0.1.map(\.createdAt).min()) } }
        return page.map { $0.0.slug }
    }

    static func organizationShow(_ p: CKANParams, _ c: Context) async throws -> Any {
        let id = try p.require("id").lowercased()
        guard let found = try await publishers(c).first(where: { $0.0.slug == id }) else { throw CKANError.notFound() }
        let (unit, datasets) = found
        return try withMembers(CKANDicts.organization(unit, count: datasets.count, created: datasets.map(\.createdAt).min()), datasets, p, c)
    }

    static func groupList(_ p: CKANParams, _ c: Context) async throws -> Any {
        let all = try p.bool("all_fields", default: false)
        let limit = try p.int("limit", default: 1000), offset = try p.int("offset", default: 0)
        var topics = try await topics(c)
        if let wanted = try p.list("groups") { topics = topics.filter { wanted.contains(OpenTopic.groupName($0.0)) } }
        let page = topics.dropFirst(offset).prefix(limit)
        if all { return page.map { CKANDicts.group($0.0, count: $0.1.count) } }
        return page.map { OpenTopic.groupName($0.0) }
    }

    static func groupShow(_ p: CKANParams, _ c: Context) async throws -> Any {
        let id = try p.require("id").lowercased()
        guard let found = try await topics(c).first(where: { OpenTopic.groupName($0.0) == id }) else { throw CKANError.notFound() }
        let (topic, datasets) = found
        return try withMembers(CKANDicts.group(topic, count: datasets.count), datasets, p, c)
    }

    /// What `organization_show` and `group_show` add to the dict: the datasets when
    /// `include_datasets` asks (at most 1,000), and the member lists, empty here.
    private static func withMembers(_ dict: [String: Any], _ datasets: [OpenDataset], _ p: CKANParams, _ c: Context) throws -> [String: Any] {
        var d = dict
        if try p.bool("include_datasets", default: false) { d["packages"] = datasets.prefix(1000).map { CKANDicts.package($0, base: c.base) } }
        d["users"] = []
        d["extras"] = []
        d["tags"] = []
        d["groups"] = []
        return d
    }

    static func tagList(_ p: CKANParams, _ c: Context) async throws -> Any {
        let query = p.string("query")?.lowercased() ?? p.string("q")?.lowercased()
        var names = Set<String>()
        for ds in try await c.store.openDatasets() { names.formUnion(ds.resource.draft.tags) }
        let sorted = names.filter { query == nil || query!.isEmpty || $0.lowercased().contains(query!) }.sorted()
        if try p.bool("all_fields", default: false) { return sorted.map(CKANDicts.tag) }
        return sorted
    }

    static func resourceShow(_ p: CKANParams, _ c: Context) async throws -> Any {
        let id = try p.require("id").lowercased()
        for ds in try await c.store.openDatasets() {
            for (i, f) in CKANDicts.formats.enumerated() where CKANDicts.resourceID(ds, f.ext) == id {
                return CKANDicts.resource(ds, f, position: i, base: c.base)
            }
        }
        throw CKANError.notFound("Resource was not found.")
    }

    static func statusShow(_ p: CKANParams, _ c: Context) async throws -> Any {
        [
            "ckan_version": "2.10.4", "site_url": c.base, "site_title": Strings["open.portal"].zh,
            "site_description": Strings["open.portalDescription"].zh, "locale_default": "zh_Hans_CN",
            "error_emails_to": NSNull(), "extensions": ["datastore", "dcat", "shuhui"],
        ] as [String: Any]
    }
}
