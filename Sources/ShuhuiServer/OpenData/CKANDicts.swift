import Foundation
import ShuhuiCore
import ShuhuiStore

/// Builds the dictionaries CKAN returns (package, resource, organization, group, tag), with
/// the keys CKAN 2.10 gives, so CKAN clients read them unchanged.
enum CKANDicts {
    /// The distributions each publication offers.
    static let formats: [(format: String, ext: String, mime: String)] = [
        ("CSV", "csv", "text/csv"), ("JSON", "json", "application/json"),
        ("XLSX", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ]

    static func license(_ access: OpenAccess) -> (id: String, title: String, url: String, open: Bool) {
        switch access {
        case .open: ("cc-by", "Creative Commons Attribution", "http://www.opendefinition.org/licenses/cc-by", true)
        case .restricted: ("other-closed", "Other (Not Open)", "", false)
        }
    }

    static func resourceID(_ ds: OpenDataset, _ ext: String) -> String { "\(ds.uid)-\(ext)" }

    static func downloadURL(_ ds: OpenDataset, _ ext: String, base: String) -> String {
        "\(base)/open/datasets/\(ds.name)/download.\(ext)"
    }

    static func resources(_ ds: OpenDataset, base: String) -> [[String: Any]] {
        formats.enumerated().map { i, f in resource(ds, f, position: i, base: base) }
    }

    static func resource(_ ds: OpenDataset, _ f: (format: String, ext: String, mime: String), position: Int, base: String) -> [String: Any] {
        let published = ISODates.ckan(ds.latest.publishedAt)
        return [
            "id": resourceID(ds, f.ext), "package_id": ds.uid, "name": "\(ds.resource.draft.name).\(f.ext)",
            "description": "\(ds.resource.draft.name)（第 \(ds.latest.version) 版，\(ds.latest.rowCount) 条）", "format": f.format,
            "mimetype": f.mime, "url": downloadURL(ds, f.ext, base: base), "url_type": NSNull(), "resource_type": NSNull(),
            "position": position, "state": "active", "created": published, "last_modified": published, "metadata_modified": published,
            "datastore_active": true, "hash": "", "size": NSNull(), "cache_url": NSNull(), "mimetype_inner": NSNull(),
        ]
    }

    static func organization(_ p: OpenPublisher, count: Int? = nil, created: Date? = nil) -> [String: Any] {
        var d: [String: Any] = [
            "id": p.slug, "name": p.slug, "title": p.name, "display_name": p.name, "description": "\(p.name)（统一社会信用代码 \(p.code)）",
            "type": "organization", "is_organization": true, "state": "active", "approval_status": "approved",
            "image_url": "", "image_display_url": "", "created": ISODates.ckan(created ?? Date(timeIntervalSince1970: 0)),
        ]
        if let count { d["package_count"] = count }
        return d
    }

    static func group(_ topic: String, count: Int? = nil) -> [String: Any] {
        let label = OpenTopic.label(topic)
        var d: [String: Any] = [
            "id": OpenTopic.groupName(topic), "name": OpenTopic.groupName(topic), "title": label.zh, "display_name": label.zh,
            "description": label.en, "type": "group", "is_organization": false, "state": "active", "approval_status": "approved",
            "image_url": "", "image_display_url": "", "created": ISODates.ckan(Date(timeIntervalSince1970: 0)),
        ]
        if let count { d["package_count"] = count }
        return d
    }

    static func tag(_ name: String) -> [String: Any] {
        ["id": name, "name": name, "display_name": name, "state": "active", "vocabulary_id": NSNull()]
    }

    static func cycleLabel(_ c: UpdateCycle) -> String { Strings["cycle.\(c.rawValue)"].zh }

    static func package(_ ds: OpenDataset, base: String) -> [String: Any] {
        let d = ds.resource.draft
        let lic = license(ds.access)
        let tags = d.tags.map(tag)
        let extras: [[String: Any]] = [
            ("resource_code", ds.resource.code), ("access", ds.access.rawValue), ("grade", d.grade.rawValue),
            ("update_cycle", d.updateCycle.rawValue), ("topic", ds.topic), ("rows", String(ds.latest.rowCount)),
            ("version", String(ds.latest.version)), ("published", ISODates.ckan(ds.latest.publishedAt)),
            ("open_condition", d.openCondition), ("fields", ds.fields.map { "\($0.code):\($0.name)" }.joined(separator: ",")),
        ].map { ["key": $0.0, "value": $0.1] }
        return [
            "id": ds.uid, "name": ds.name, "title": d.name, "notes": d.summary, "type": "dataset", "state": "active", "private": false,
            "author": ds.publisher.name, "author_email": NSNull(), "maintainer": ds.publisher.name, "maintainer_email": NSNull(),
            "license_id": lic.id, "license_title": lic.title, "license_url": lic.url, "isopen": lic.open,
            "url": "\(base)/open/datasets/\(ds.name)", "version": String(ds.latest.version),
            "owner_org": ds.publisher.slug, "creator_user_id": NSNull(),
            "metadata_created": ISODates.ckan(ds.createdAt), "metadata_modified": ISODates.ckan(ds.modifiedAt),
            "organization": organization(ds.publisher), "groups": [group(ds.topic)],
            "resources": resources(ds, base: base), "num_resources": formats.count,
            "tags": tags, "num_tags": tags.count, "extras": extras,
            "relationships_as_object": [], "relationships_as_subject": [],
        ]
    }

    /// The fields package_search and fq can test, and the text bare terms search.
    static func searchDocument(_ ds: OpenDataset) -> SearchDocument {
        let d = ds.resource.draft
        let lic = license(ds.access)
        let text = ([ds.name, d.name, d.summary, ds.publisher.name, ds.publisher.shortName, OpenTopic.label(ds.topic).zh] + d.tags
            + ds.fields.map(\.name)).joined(separator: " ")
        return SearchDocument(fields: [
            "id": .keywords([ds.uid]), "name": .keywords([ds.name]), "title": .text(d.name), "title_string": .keywords([d.name]),
            "notes": .text(d.summary), "text": .text(text),
            "organization": .keywords([ds.publisher.slug]), "owner_org": .keywords([ds.publisher.slug]),
            "groups": .keywords([OpenTopic.groupName(ds.topic)]), "tags": .keywords(d.tags),
            "res_format": .keywords(formats.map(\.format)), "license_id": .keywords([lic.id]),
            "metadata_modified": .date(ds.modifiedAt), "metadata_created": .date(ds.createdAt),
            "num_resources": .number(Double(formats.count)), "num_tags": .number(Double(d.tags.count)),
            "state": .keywords(["active"]), "type": .keywords(["dataset"]), "dataset_type": .keywords(["dataset"]),
            "private": .keywords(["false"]), "capacity": .keywords(["public"]), "access": .keywords([ds.access.rawValue]),
            "grade": .keywords([d.grade.rawValue]), "extras_access": .keywords([ds.access.rawValue]),
            "extras_grade": .keywords([d.grade.rawValue]), "update_cycle": .keywords([d.updateCycle.rawValue]),
            "rows": .number(Double(ds.latest.rowCount)), "version": .keywords([String(ds.latest.version)]),
        ], text: text)
    }

    /// Display names of facet values.
    static func facetLabel(field: String, value: String, datasets: [OpenDataset]) -> String {
        switch field {
        case "organization", "owner_org": datasets.first { $0.publisher.slug == value }?.publisher.name ?? value
        case "groups": OpenTopic.label(String(value.dropFirst("topic-".count))).zh
        case "access", "extras_access": Strings["open.access.\(value)"].zh
        default: value
        }
    }
}
