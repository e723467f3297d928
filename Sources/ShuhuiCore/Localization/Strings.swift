import Foundation

/// The one string table for everything a user reads: console labels, problem messages, CLI
/// output. zh-CN first, English second.
///
/// Keys are stable; placeholders are written `{name}` and filled by ``Strings/format(_:_:)``.
public enum Strings {
    /// Looks a key up; an unknown key returns itself in both languages so a missing entry is
    /// visible in the page rather than crashing.
    public static subscript(_ key: String) -> Localized {
        table[key] ?? Localized(zh: key, en: key)
    }

    /// Looks a key up and fills its `{placeholders}`.
    public static func format(_ key: String, _ values: [String: String]) -> Localized {
        var text = self[key]
        for (name, value) in values {
            text.zh = text.zh.replacingOccurrences(of: "{\(name)}", with: value)
            text.en = text.en.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// Looks a key up and fills its `{placeholders}` with values that are themselves bilingual.
    public static func format(_ key: String, localized values: [String: Localized]) -> Localized {
        Localized(
            zh: format(key, values.mapValues(\.zh)).zh,
            en: format(key, values.mapValues(\.en)).en)
    }

    /// Every key, for the console's template context.
    public static var keys: Dictionary<String, Localized>.Keys { table.keys }

    /// The table, in one language, as a flat dictionary for templates.
    public static func flat(_ language: Language) -> [String: String] {
        table.mapValues { $0.text(language) }
    }

    static let table: [String: Localized] = [
        // Application
        "app.name": .init(zh: "数汇 公共数据平台", en: "Shuhui Public Data Platform"),
        "app.short": .init(zh: "数汇", en: "Shuhui"),
        "app.bureau": .init(zh: "杭州市数据资源管理局", en: "Hangzhou Data Resources Bureau"),
        // Navigation
        "nav.dashboard": .init(zh: "总览", en: "Dashboard"),
        "nav.organizations": .init(zh: "单位", en: "Units"),
        "nav.systems": .init(zh: "信息系统", en: "Systems"),
        "nav.catalog": .init(zh: "数据资源目录", en: "Catalog"),
        "nav.import": .init(zh: "目录导入", en: "Import"),
        "nav.tokens": .init(zh: "访问令牌", en: "API tokens"),
        "nav.logout": .init(zh: "退出", en: "Sign out"),
        "nav.language": .init(zh: "English", en: "中文"),
        // Login
        "login.title": .init(zh: "登录", en: "Sign in"),
        "login.username": .init(zh: "用户名", en: "Username"),
        "login.password": .init(zh: "密码", en: "Password"),
        "login.submit": .init(zh: "登录", en: "Sign in"),
        "login.failed": .init(zh: "用户名或密码错误。", en: "Wrong username or password."),
        "login.hint": .init(zh: "演示账号见服务启动时的输出。", en: "Demo accounts are printed when the server starts."),
        // Roles
        "role.admin": .init(zh: "局管理员", en: "Bureau administrator"),
        "role.officer": .init(zh: "部门数据专员", en: "Unit data officer"),
        "role.approver": .init(zh: "审批人", en: "Approver"),
        "role.queryUser": .init(zh: "共享查询用户", en: "Query user"),
        "role.auditor": .init(zh: "审计员", en: "Auditor"),
        // Organization kinds
        "kind.department": .init(zh: "市级部门", en: "Municipal department"),
        "kind.district": .init(zh: "区、县（市）", en: "District / county"),
        "kind.township": .init(zh: "乡镇（街道）", en: "Township / street"),
        "kind.company": .init(zh: "国有企业", en: "State company"),
        "kind.provincialCentre": .init(zh: "省级中心", en: "Provincial centre"),
        // System levels and status
        "level.national": .init(zh: "国家部委", en: "National"),
        "level.provincial": .init(zh: "省级垂直", en: "Provincial vertical"),
        "level.municipal": .init(zh: "市级自建", en: "Municipal"),
        "level.district": .init(zh: "区县自建", en: "District-built"),
        "status.planned": .init(zh: "规划中", en: "Planned"),
        "status.running": .init(zh: "运行中", en: "Running"),
        "status.retired": .init(zh: "已停用", en: "Retired"),
        "status.active": .init(zh: "有效", en: "Active"),
        // Catalog attributes
        "sharing.unconditional": .init(zh: "无条件共享", en: "Unconditional"),
        "sharing.conditional": .init(zh: "有条件共享", en: "Conditional"),
        "sharing.notShared": .init(zh: "不予共享", en: "Not shared"),
        "mode.push": .init(zh: "数据推送", en: "Push"),
        "mode.api": .init(zh: "接口调用", en: "API"),
        "mode.query": .init(zh: "页面查询", en: "Query page"),
        "open.open": .init(zh: "无条件开放", en: "Open"),
        "open.restricted": .init(zh: "受限开放", en: "Restricted"),
        "open.notOpen": .init(zh: "禁止开放", en: "Not open"),
        "cycle.realtime": .init(zh: "实时", en: "Real time"),
        "cycle.daily": .init(zh: "每日", en: "Daily"),
        "cycle.weekly": .init(zh: "每周", en: "Weekly"),
        "cycle.monthly": .init(zh: "每月", en: "Monthly"),
        "cycle.quarterly": .init(zh: "每季度", en: "Quarterly"),
        "cycle.yearly": .init(zh: "每年", en: "Yearly"),
        "cycle.irregular": .init(zh: "不定期", en: "Irregular"),
        "format.table": .init(zh: "数据库表", en: "Table"),
        "format.file": .init(zh: "电子文件", en: "File"),
        "format.service": .init(zh: "服务接口", en: "Service"),
        "type.string": .init(zh: "字符型", en: "String"),
        "type.integer": .init(zh: "整型", en: "Integer"),
        "type.decimal": .init(zh: "数值型", en: "Decimal"),
        "type.date": .init(zh: "日期型", en: "Date"),
        "type.datetime": .init(zh: "日期时间型", en: "Date-time"),
        "type.boolean": .init(zh: "布尔型", en: "Boolean"),
        "class.base": .init(zh: "基础信息资源", en: "Base"),
        "class.theme": .init(zh: "主题信息资源", en: "Thematic"),
        "class.department": .init(zh: "部门信息资源", en: "Departmental"),
        // Dashboard and statistics
        "dash.title": .init(zh: "数据资源总览", en: "Data resources at a glance"),
        "stat.resources": .init(zh: "目录条目", en: "Catalog entries"),
        "stat.fields": .init(zh: "信息项", en: "Data items"),
        "stat.shareableFields": .init(zh: "可共享信息项", en: "Shareable items"),
        "stat.providers": .init(zh: "提供单位", en: "Providing units"),
        "stat.organizations": .init(zh: "单位", en: "Units"),
        "stat.systems": .init(zh: "信息系统", en: "Information systems"),
        "stat.upperSystems": .init(zh: "国家及省级系统", en: "National or provincial"),
        "stat.localSystems": .init(zh: "市县自建系统", en: "City and county"),
        "stat.byUnit": .init(zh: "各单位目录情况", en: "Catalog by unit"),
        "stat.byGrade": .init(zh: "按安全级别", en: "By security grade"),
        "stat.bySharing": .init(zh: "按共享属性（信息项）", en: "Items by sharing attribute"),
        "stat.byOpen": .init(zh: "按开放属性", en: "By open attribute"),
        "stat.byLevel": .init(zh: "按建设层级", en: "By level"),
        "stat.total": .init(zh: "合计", en: "Total"),
        "chart.resourcesByUnit": .init(zh: "各单位资源数（前十）", en: "Resources per unit (top 10)"),
        // Common columns
        "col.rank": .init(zh: "序号", en: "No."),
        "col.name": .init(zh: "名称", en: "Name"),
        "col.code": .init(zh: "代码", en: "Code"),
        "col.unit": .init(zh: "单位", en: "Unit"),
        "col.kind": .init(zh: "类型", en: "Kind"),
        "col.parent": .init(zh: "上级单位", en: "Parent"),
        "col.region": .init(zh: "行政区划", en: "Region"),
        "col.level": .init(zh: "建设层级", en: "Level"),
        "col.status": .init(zh: "状态", en: "Status"),
        "col.owner": .init(zh: "负责人", en: "Owner"),
        "col.systems": .init(zh: "系统数", en: "Systems"),
        "col.resources": .init(zh: "资源表", en: "Resources"),
        "col.fields": .init(zh: "字段项", en: "Fields"),
        "col.shareable": .init(zh: "可共享字段", en: "Shareable"),
        "col.grade": .init(zh: "安全级别", en: "Grade"),
        "col.sharing": .init(zh: "共享属性", en: "Sharing"),
        "col.open": .init(zh: "开放属性", en: "Open"),
        "col.provider": .init(zh: "提供方", en: "Provider"),
        "col.version": .init(zh: "版本", en: "Version"),
        "col.updated": .init(zh: "更新时间", en: "Updated"),
        "col.actor": .init(zh: "操作人", en: "By"),
        "col.time": .init(zh: "时间", en: "Time"),
        "col.summary": .init(zh: "变更说明", en: "Change"),
        "col.type": .init(zh: "数据类型", en: "Type"),
        "col.length": .init(zh: "长度", en: "Length"),
        "col.required": .init(zh: "必填", en: "Required"),
        "col.primaryKey": .init(zh: "主键", en: "Key"),
        "col.sensitivity": .init(zh: "敏感级别", en: "Sensitivity"),
        "col.description": .init(zh: "说明", en: "Description"),
        "col.sheet": .init(zh: "工作表", en: "Sheet"),
        "col.row": .init(zh: "行", en: "Row"),
        "col.column": .init(zh: "列", en: "Column"),
        "col.reason": .init(zh: "原因", en: "Reason"),
        "yes": .init(zh: "是", en: "Yes"),
        "no": .init(zh: "否", en: "No"),
        // Catalog pages
        "catalog.title": .init(zh: "数据资源目录", en: "Data resource catalog"),
        "catalog.search": .init(zh: "搜索", en: "Search"),
        "catalog.searchPlaceholder": .init(zh: "资源名称、代码或摘要", en: "Name, code or summary"),
        "catalog.fieldPlaceholder": .init(zh: "信息项名称", en: "Field name"),
        "catalog.anyProvider": .init(zh: "全部提供方", en: "All providers"),
        "catalog.any": .init(zh: "全部", en: "All"),
        "catalog.anyUnit": .init(zh: "全部单位", en: "All units"),
        "catalog.results": .init(zh: "共 {total} 条", en: "{total} entries"),
        "catalog.none": .init(zh: "没有符合条件的资源。", en: "No resources match."),
        "catalog.prev": .init(zh: "上一页", en: "Previous"),
        "catalog.next": .init(zh: "下一页", en: "Next"),
        "catalog.export": .init(zh: "导出目录", en: "Export catalog"),
        "resource.basics": .init(zh: "基本信息", en: "Description"),
        "resource.fields": .init(zh: "信息项", en: "Data items"),
        "resource.versions": .init(zh: "版本记录", en: "Versions"),
        "resource.diff": .init(zh: "与上一版比较", en: "Compare with previous"),
        "resource.category": .init(zh: "资源分类", en: "Category"),
        "resource.class": .init(zh: "资源类别", en: "Class"),
        "resource.summary": .init(zh: "资源摘要", en: "Summary"),
        "resource.format": .init(zh: "资源格式", en: "Format"),
        "resource.sourceSystem": .init(zh: "来源系统", en: "Source system"),
        "resource.updateCycle": .init(zh: "更新周期", en: "Update cycle"),
        "resource.sharingCondition": .init(zh: "共享条件", en: "Sharing condition"),
        "resource.sharingModes": .init(zh: "共享方式", en: "Sharing modes"),
        "resource.openCondition": .init(zh: "开放条件", en: "Open condition"),
        "resource.publishedOn": .init(zh: "发布日期", en: "Published"),
        "resource.related": .init(zh: "关联资源代码", en: "Related resources"),
        "resource.notFound": .init(zh: "未找到该数据资源。", en: "No such resource."),
        "diff.added": .init(zh: "新增", en: "added"),
        "diff.removed": .init(zh: "删除", en: "removed"),
        "diff.changed": .init(zh: "修改", en: "changed"),
        "diff.created": .init(zh: "创建", en: "created"),
        "diff.none": .init(zh: "无变化", en: "no change"),
        // Import
        "import.title": .init(zh: "目录表格导入", en: "Import catalog spreadsheet"),
        "import.help": .init(
            zh: "上传按模板填写的 XLSX 或 CSV 文件，每行一个信息项。任何一行有错，全部不导入。",
            en: "Upload an XLSX or CSV file in the template's layout, one row per data item. If any row is wrong, nothing is imported."),
        "import.file": .init(zh: "选择文件", en: "File"),
        "import.submit": .init(zh: "导入", en: "Import"),
        "import.template": .init(zh: "下载模板", en: "Download template"),
        "import.ok": .init(zh: "导入成功：新增 {created} 个资源，更新 {updated} 个资源，共 {fields} 个信息项。",
            en: "Imported: {created} resources created, {updated} updated, {fields} data items."),
        "import.failed": .init(zh: "发现 {count} 处错误，未导入任何数据。", en: "{count} errors found; nothing was imported."),
        // Tokens
        "tokens.title": .init(zh: "API 访问令牌", en: "API tokens"),
        "tokens.create": .init(zh: "新建令牌", en: "Create token"),
        "tokens.name": .init(zh: "用途", en: "Purpose"),
        "tokens.revoke": .init(zh: "吊销", en: "Revoke"),
        "tokens.created": .init(zh: "令牌仅显示一次，请妥善保存：", en: "Shown once only — store it now:"),
        "tokens.revoked": .init(zh: "已吊销", en: "Revoked"),
        "tokens.prefix": .init(zh: "前缀", en: "Prefix"),
        "tokens.lastUsed": .init(zh: "最近使用", en: "Last used"),
        // Problems (RFC 9457 titles and details)
        "problem.badRequest": .init(zh: "请求无效", en: "Bad request"),
        "problem.validation": .init(zh: "输入有误", en: "Invalid input"),
        "problem.unauthorized": .init(zh: "需要登录或有效令牌", en: "Authentication required"),
        "problem.forbidden": .init(zh: "无权执行此操作", en: "Not allowed"),
        "problem.notFound": .init(zh: "资源不存在", en: "Not found"),
        "problem.conflict": .init(zh: "与现有数据冲突", en: "Conflict"),
        "problem.tooLarge": .init(zh: "请求体过大", en: "Request body too large"),
        "problem.unsupportedMedia": .init(zh: "不支持的内容类型", en: "Unsupported media type"),
        "problem.internal": .init(zh: "服务器内部错误", en: "Internal server error"),
        "problem.methodNotAllowed": .init(zh: "不支持该请求方法", en: "Method not allowed"),
        "problem.detail.malformedJSON": .init(zh: "请求体不是合法的 JSON：{reason}", en: "The body is not valid JSON: {reason}"),
        "problem.detail.validation": .init(zh: "共 {count} 处输入错误，未做任何修改。", en: "{count} problems in the input; nothing was changed."),
        "problem.detail.tooLarge": .init(zh: "请求体超过 {limit} 字节上限。", en: "The body exceeds the {limit}-byte limit."),
        "problem.detail.noToken": .init(zh: "缺少或无效的访问令牌。", en: "Missing or invalid access token."),
        "problem.detail.role": .init(zh: "当前角色（{role}）不能执行此操作。", en: "Your role ({role}) may not do this."),
        "problem.detail.scope": .init(zh: "只能修改本单位（{unit}）的数据。", en: "You may change only your own unit's ({unit}) records."),
        "problem.detail.notFound": .init(zh: "未找到：{what}", en: "Not found: {what}"),
        "problem.detail.duplicate": .init(zh: "{what} 已存在。", en: "{what} already exists."),
        "problem.detail.mediaType": .init(zh: "请以 {expected} 提交。", en: "Send {expected}."),
        "problem.detail.internal": .init(zh: "请稍后重试；错误已记录。", en: "Please try again later; the error was logged."),
        // Field-level validation messages
        "v.required": .init(zh: "必须填写", en: "is required"),
        "v.unknownField": .init(zh: "不是可识别的字段", en: "is not a known field"),
        "v.wrongType": .init(zh: "类型不对，应为 {expected}", en: "has the wrong type; expected {expected}"),
        "v.invalidValue": .init(zh: "取值“{value}”无效，可选：{allowed}", en: "value “{value}” is not valid; allowed: {allowed}"),
        "v.tooLong": .init(zh: "超过 {max} 个字符", en: "is longer than {max} characters"),
        "v.creditCode": .init(zh: "统一社会信用代码无效：{reason}", en: "invalid unified social credit code: {reason}"),
        "v.category": .init(zh: "分类代码应为 6–12 位数字，首位为 1（基础）、2（主题）或 3（部门）",
            en: "category code must be 6–12 digits starting with 1 (base), 2 (theme) or 3 (department)"),
        "v.resourceCode": .init(zh: "资源代码格式应为 分类代码-顺序码，如 101001-00001", en: "resource code must be category-sequence, e.g. 101001-00001"),
        "v.fieldCode": .init(zh: "信息项代码只能用小写字母、数字和下划线，且以字母开头", en: "field code must be lowercase letters, digits and _ and start with a letter"),
        "v.duplicateFieldCode": .init(zh: "信息项代码“{code}”重复", en: "field code “{code}” appears twice"),
        "v.duplicateFieldName": .init(zh: "信息项名称“{name}”重复", en: "field name “{name}” appears twice"),
        "v.noFields": .init(zh: "数据库表类资源至少需要一个信息项", en: "a table resource needs at least one data item"),
        "v.condition": .init(zh: "有条件共享必须写明共享条件", en: "conditional sharing needs a stated condition"),
        "v.modes": .init(zh: "可共享的资源至少选择一种共享方式", en: "a shareable resource needs at least one sharing mode"),
        "v.modesNotShared": .init(zh: "不予共享的资源不能设置共享方式", en: "a resource that is not shared cannot have sharing modes"),
        "v.openGrade": .init(zh: "{grade} 级资源不能设为“{open}”（L4 禁止开放，L2/L3 只能受限开放）",
            en: "a {grade} resource cannot be “{open}” (L4 never opens; L2/L3 only restricted)"),
        "v.fieldGrade": .init(zh: "资源安全级别 {grade} 低于其信息项“{field}”的敏感级别 {fieldGrade}",
            en: "resource grade {grade} is below the sensitivity {fieldGrade} of its item “{field}”"),
        "v.date": .init(zh: "日期应为 YYYY-MM-DD", en: "date must be YYYY-MM-DD"),
        "v.length": .init(zh: "长度应为 1–100000 的整数", en: "length must be a whole number from 1 to 100000"),
        "v.bool": .init(zh: "应填“是”或“否”", en: "must be 是/否 (yes/no)"),
        "v.unknownProvider": .init(zh: "提供方“{value}”未登记", en: "provider “{value}” is not registered"),
        "v.unknownSystem": .init(zh: "来源系统“{value}”未在该单位登记", en: "source system “{value}” is not registered for this unit"),
        "v.unknownParent": .init(zh: "上级单位不存在", en: "parent unit does not exist"),
        "v.unknownResource": .init(zh: "资源代码“{value}”不存在", en: "resource code “{value}” does not exist"),
        "v.conflictingRow": .init(zh: "与同一资源前面行的“{column}”不一致", en: "differs from “{column}” in earlier rows of the same resource"),
        "v.missingColumn": .init(zh: "缺少必需的列“{column}”", en: "required column “{column}” is missing"),
        "v.emptySheet": .init(zh: "表格没有数据行", en: "the sheet has no data rows"),
        "v.unreadable": .init(zh: "无法读取文件：{reason}", en: "cannot read the file: {reason}"),
        "v.primaryKeyRequired": .init(zh: "主键信息项必须为必填", en: "a primary-key item must be required"),
        "v.password": .init(zh: "密码至少 8 个字符", en: "password must have at least 8 characters"),
        "v.username": .init(zh: "用户名为 3–32 位字母、数字、点、下划线或连字符", en: "username: 3–32 letters, digits, dot, underscore or dash"),
        "v.roleNeedsUnit": .init(zh: "该角色必须归属一个单位", en: "this role must belong to a unit"),
        "v.duplicate": .init(zh: "“{value}”已存在", en: "“{value}” already exists"),
        "v.hasChildren": .init(zh: "该单位下还有下级单位、系统、资源或用户，不能删除", en: "the unit still has sub-units, systems, resources or users"),
    ]
}
