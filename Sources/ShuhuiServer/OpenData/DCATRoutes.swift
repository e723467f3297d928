import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import ShuhuiCore
import ShuhuiStore

/// DCAT-AP 3.0.1: `/catalog.ttl` and `/catalog.jsonld` (paged with `page` / `page_size`,
/// filtered with `modified_since`, paging links in Hydra terms) and `/dataset/{name}.ttl|.jsonld`.
enum DCATRoutes {
    static func register(_ router: Router<AppContext>, store: Store) {
        router.get("/catalog.ttl") { req, _ in try await catalog(req, store: store, turtle: true) }
        router.get("/catalog.jsonld") { req, _ in try await catalog(req, store: store, turtle: false) }
        router.get("/dataset/{file}") { req, ctx in
            let file = try ctx.parameters.require("file")
            let turtle = file.hasSuffix(".ttl")
            guard turtle || file.hasSuffix(".jsonld") else { throw Problem.notFound(file) }
            let name = String(file.dropLast(turtle ? 4 : 7))
            guard let ds = try await store.openDataset(name) else { throw Problem.notFound("dataset \(name)") }
            var g = RDFGraph()
            let base = OpenDataRoutes.base(req)
            add(ds, to: &g, base: base)
            return render(g, turtle: turtle, extra: [:])
        }
    }

    static func catalog(_ req: Request, store: Store, turtle: Bool) async throws -> Response {
        let base = OpenDataRoutes.base(req)
        let page = try req.intQuery("page") ?? 1
        let size = try req.intQuery("page_size") ?? 100
        guard page >= 1 else { throw Problem.badRequest(field: "page", Strings.format("v.invalidValue", ["value": String(page), "allowed": "≥ 1"])) }
        guard (1...1000).contains(size) else { throw Problem.badRequest(field: "page_size", Strings.format("v.invalidValue", ["value": String(size), "allowed": "1–1000"])) }
        var since: Date?
        if let raw = req.query("modified_since") {
            guard let d = ISODates.parse(raw) else {
                throw Problem.badRequest(field: "modified_since", Strings.format("v.invalidValue", ["value": raw, "allowed": "YYYY-MM-DD[THH:MM:SS[Z]]"]))
            }
            since = d
        }
        let all = try await store.openDatasets().filter { since == nil || $0.modifiedAt >= since! }.sorted { $0.uid < $1.uid }
        let pages = max(1, (all.count + size - 1) / size)
        let slice = Array(all.dropFirst((page - 1) * size).prefix(size))

        var g = RDFGraph()
        let cat = "\(base)/catalog"
        let bureau = "\(base)/open/publisher"
        g.type(cat, "dcat:Catalog")
        g.add(cat, "dct:title", .text(Strings["open.portal"].zh, lang: "zh-CN"))
        g.add(cat, "dct:title", .text(Strings["open.portal"].en, lang: "en"))
        g.add(cat, "dct:description", .text(Strings["open.portalDescription"].zh, lang: "zh-CN"))
        g.add(cat, "dct:description", .text(Strings["open.portalDescription"].en, lang: "en"))
        g.add(cat, "dct:publisher", .iri(bureau))
        g.add(cat, "foaf:homepage", .iri("\(base)/open"))
        g.add(cat, "dct:language", .iri("http://publications.europa.eu/resource/authority/language/ZHO"))
        g.add(cat, "dcat:themeTaxonomy", .iri("\(base)/open/topics"))
        if let latest = all.map(\.modifiedAt).max() { g.add(cat, "dct:modified", .typed(ISODates.xsd(latest), datatype: "xsd:dateTime")) }
        g.add(cat, "dcat:service", .iri("\(base)/api/3/action"))
        for ds in slice { g.add(cat, "dcat:dataset", .iri("\(base)/dataset/\(ds.name)")) }
        g.type(bureau, "foaf:Agent")
        g.add(bureau, "dct:type", .iri(localAuthority))
        g.add(bureau, "foaf:name", .text(Strings["app.bureau"].zh, lang: "zh-CN"))
        g.add(bureau, "foaf:name", .text(Strings["app.bureau"].en, lang: "en"))
        let scheme = "\(base)/open/topics"
        g.type(scheme, "skos:ConceptScheme")
        g.add(scheme, "dct:title", .text("开放主题", lang: "zh-CN"))
        let service = "\(base)/api/3/action"
        g.type(service, "dcat:DataService")
        g.add(service, "dct:title", .text("CKAN Action API", lang: "en"))
        g.add(service, "dcat:endpointURL", .iri("\(base)/api/3/action/"))
        g.add(service, "dcat:endpointDescription", .iri("\(base)/open/api"))
        g.add(service, "dct:description", .text(Strings["open.api.intro"].zh, lang: "zh-CN"))
        g.add(service, "dct:publisher", .iri(bureau))
        g.add(service, "dcat:contactPoint", .iri("\(base)/open/publisher#contact"))
        let contact = "\(base)/open/publisher#contact"
        g.type(contact, "vcard:Organization")
        g.add(contact, "vcard:fn", .text(Strings["app.bureau"].zh, lang: "zh-CN"))
        g.add(contact, "vcard:hasURL", .iri("\(base)/open"))
        for ds in slice { g.add(service, "dcat:servesDataset", .iri("\(base)/dataset/\(ds.name)")) }
        var added = Set<String>()
        for ds in slice { add(ds, to: &g, base: base, added: &added) }

        // Hydra paging, as DCAT-AP harvesters (e.g. ckanext-dcat) follow it.
        func pageURL(_ n: Int) -> String {
            var q = "page=\(n)&page_size=\(size)"
            if let raw = req.query("modified_since") { q += "&modified_since=\(raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            return "\(base)/catalog.\(turtle ? "ttl" : "jsonld")?\(q)"
        }
        let view = pageURL(page)
        g.type(view, "hydra:PartialCollectionView")
        g.add(view, "hydra:totalItems", .typed(String(all.count), datatype: "xsd:integer"))
        g.add(view, "hydra:itemsPerPage", .typed(String(size), datatype: "xsd:integer"))
        g.add(view, "hydra:first", .iri(pageURL(1)))
        g.add(view, "hydra:last", .iri(pageURL(pages)))
        if page < pages { g.add(view, "hydra:next", .iri(pageURL(page + 1))) }
        if page > 1 { g.add(view, "hydra:previous", .iri(pageURL(page - 1))) }
        return render(g, turtle: turtle, extra: [:])
    }

    static func render(_ g: RDFGraph, turtle: Bool, extra: [String: Any]) -> Response {
        if turtle {
            return Response(status: .ok, headers: [.contentType: "text/turtle; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: g.turtle())))
        }
        let data = (try? JSONSerialization.data(withJSONObject: g.jsonLD(extra: extra), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/ld+json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Hangzhou in GeoNames, the datasets' spatial coverage.
    static let hangzhou = "http://sws.geonames.org/1808926/"
    /// ADMS publisher type of the bureau and the units.
    static let localAuthority = "http://purl.org/adms/publishertype/LocalAuthority"

    static func frequency(_ c: UpdateCycle) -> String {
        let code = switch c {
        case .realtime: "CONT"
        case .daily: "DAILY"
        case .weekly: "WEEKLY"
        case .monthly: "MONTHLY"
        case .quarterly: "QUARTERLY"
        case .yearly: "ANNUAL"
        case .irregular: "IRREG"
        }
        return "http://publications.europa.eu/resource/authority/frequency/\(code)"
    }

    static func add(_ ds: OpenDataset, to g: inout RDFGraph, base: String) {
        var added = Set<String>()
        add(ds, to: &g, base: base, added: &added)
    }

    /// The dataset, its distributions, its publisher, theme and licence; shared nodes once.
    static func add(_ ds: OpenDataset, to g: inout RDFGraph, base: String, added: inout Set<String>) {
        let d = ds.resource.draft
        let iri = "\(base)/dataset/\(ds.name)"
        let publisher = "\(base)/open/units/\(ds.publisher.slug)"
        let theme = "\(base)/open/topics/\(ds.topic)"
        let license = ds.access == .open ? "http://creativecommons.org/licenses/by/4.0/" : "\(base)/open/licence/restricted"
        g.type(iri, "dcat:Dataset")
        g.add(iri, "dct:identifier", .plain(ds.uid))
        g.add(iri, "dct:title", .text(d.name, lang: "zh-CN"))
        g.add(iri, "dct:description", .text(d.summary.isEmpty ? d.name : d.summary, lang: "zh-CN"))
        g.add(iri, "dct:publisher", .iri(publisher))
        g.add(iri, "dct:issued", .typed(ISODates.xsd(ds.createdAt), datatype: "xsd:dateTime"))
        g.add(iri, "dct:modified", .typed(ISODates.xsd(ds.modifiedAt), datatype: "xsd:dateTime"))
        g.add(iri, "dcat:landingPage", .iri("\(base)/open/datasets/\(ds.name)"))
        g.add(iri, "dcat:theme", .iri(theme))
        g.add(iri, "dct:accrualPeriodicity", .iri(frequency(d.updateCycle)))
        g.add(iri, "dct:accessRights", .iri("http://publications.europa.eu/resource/authority/access-right/\(ds.access == .open ? "PUBLIC" : "RESTRICTED")"))
        g.add(iri, "dcat:version", .plain(String(ds.latest.version)))
        g.add(iri, "dct:spatial", .iri(hangzhou))
        g.add(iri, "dcat:contactPoint", .iri("\(publisher)#contact"))
        for t in d.tags { g.add(iri, "dcat:keyword", .text(t, lang: "zh-CN")) }
        for f in CKANDicts.formats {
            let dist = "\(iri)/distribution/\(f.ext)"
            g.add(iri, "dcat:distribution", .iri(dist))
            g.type(dist, "dcat:Distribution")
            g.add(dist, "dct:title", .text("\(d.name)（\(f.format)）", lang: "zh-CN"))
            g.add(dist, "dcat:accessURL", .iri(CKANDicts.downloadURL(ds, f.ext, base: base)))
            g.add(dist, "dcat:downloadURL", .iri(CKANDicts.downloadURL(ds, f.ext, base: base)))
            g.add(dist, "dct:format", .iri("http://publications.europa.eu/resource/authority/file-type/\(f.format)"))
            g.add(dist, "dcat:mediaType", .iri("https://www.iana.org/assignments/media-types/\(f.mime)"))
            g.add(dist, "dct:license", .iri(license))
            g.add(dist, "dct:issued", .typed(ISODates.xsd(ds.latest.publishedAt), datatype: "xsd:dateTime"))
            g.add(dist, "dct:description", .text("第 \(ds.latest.version) 版，\(ds.latest.rowCount) 条记录，\(f.format) 格式", lang: "zh-CN"))
            g.add(dist, "dcatap:availability", .iri("http://publications.europa.eu/resource/authority/planned-availability/STABLE"))
        }
        if added.insert(publisher).inserted {
            g.type(publisher, "foaf:Agent")
            g.add(publisher, "foaf:name", .text(ds.publisher.name, lang: "zh-CN"))
            g.add(publisher, "dct:type", .iri(localAuthority))
            let contact = "\(publisher)#contact"
            g.type(contact, "vcard:Organization")
            g.add(contact, "vcard:fn", .text(ds.publisher.name, lang: "zh-CN"))
            g.add(contact, "vcard:hasURL", .iri("\(base)/open/search?unit=\(ds.publisher.slug)"))
        }
        if added.insert(hangzhou).inserted {
            g.type(hangzhou, "dct:Location")
        }
        if added.insert(theme).inserted {
            g.type(theme, "skos:Concept")
            g.add(theme, "skos:prefLabel", .text(OpenTopic.label(ds.topic).zh, lang: "zh-CN"))
            g.add(theme, "skos:prefLabel", .text(OpenTopic.label(ds.topic).en, lang: "en"))
            g.add(theme, "skos:inScheme", .iri("\(base)/open/topics"))
        }
        if added.insert(license).inserted {
            g.type(license, "dct:LicenseDocument")
        }
    }
}
