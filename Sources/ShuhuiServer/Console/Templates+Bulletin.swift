import ShuhuiCore

extension Templates {
    /// Bulletin, statistics dashboard and opening-balance pages.
    static let bulletinPages: [String: String] = [
        "bulletins": bulletins, "bulletin": bulletin, "statistics": statistics, "balances": balances,
    ]

    static let bulletinStyle = "<style>" + BulletinHTML.css + "@media print{.no-print,.crumbs,h1.page{display:none}main{padding:0;max-width:none}}</style>"

    static let bulletins = """
    <h1>{{t.bulletin.list.title}}</h1>
    {{#canManage}}<section class="card no-print"><h2>{{t.bulletin.generate}}</h2>
      <form method="post" action="/bulletins" class="filters"><input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{t.bulletin.kind}} <select name="kind"><option value="weekly">{{t.bulletin.title.weekly}}</option><option value="monthly">{{t.bulletin.title.monthly}}</option></select></label>
        <label>{{t.bulletin.periodEnd}} <input type="date" name="periodEnd" value="{{defaultEnd}}" required></label>
        <button class="primary" id="generate">{{t.bulletin.generate}}</button></form></section>{{/canManage}}
    <section class="card"><table><thead><tr><th>#</th><th>{{t.bulletin.kind}}</th><th>{{t.bulletin.periodEnd}}</th><th>{{t.bulletin.stateLabel}}</th><th>{{t.bulletin.history}}</th></tr></thead>
    <tbody>{{#items}}<tr><td><a href="/bulletins/{{id}}">#{{id}}</a></td><td>{{kindLabel}}</td><td><a href="/bulletins/{{id}}">{{start}} – {{end}}</a></td><td><span class="badge">{{stateLabel}}</span></td><td class="muted">{{lastEvent}}</td></tr>{{/items}}</tbody></table>
    {{#empty}}<p class="empty">{{t.bulletin.empty}}</p>{{/empty}}</section>
    """

    static let bulletin = """
    \(bulletinStyle)
    <p class="crumbs"><a href="/bulletins">{{t.bulletin.list.title}}</a> › {{end}}</p>
    <h1 class="page">{{kindLabel}} {{end}} <span class="badge" id="bulletin-state">{{stateLabel}}</span></h1>
    <section class="card no-print">
      {{#frozen}}<p class="success" style="padding-left:.6rem">{{t.bulletin.frozen}}</p>{{/frozen}}
      <p>{{t.bulletin.downloads}}: <a href="/bulletins/{{id}}/export?format=docx" id="dl-docx">DOCX</a> · <a href="/bulletins/{{id}}/export?format=xlsx" id="dl-xlsx">XLSX</a> · <a href="/bulletins/{{id}}/export?format=html">HTML</a>
      {{#attachments}} · <a href="/bulletins/{{id}}/export?format=csv&amp;attachment={{n}}">CSV {{n}}</a>{{/attachments}}</p>
      <table class="compact"><tbody>{{#events}}<tr><th>{{at}}</th><td>{{actionLabel}}</td><td>{{actorName}}</td><td>{{stateLabel}}</td></tr>{{/events}}</tbody></table>
      {{#canManage}}
      <form method="post" action="/bulletins/{{id}}/edit"><input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{t.bulletin.workLabel}}<br><textarea name="work" rows="6" style="width:100%">{{work}}</textarea></label>
        <button id="save-work">{{t.bulletin.save}}</button></form>
      <form method="post" action="/bulletins/{{id}}/regenerate" style="display:inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button>{{t.bulletin.regenerate}}</button></form>
      {{#canCheck}}<form method="post" action="/bulletins/{{id}}/check" style="display:inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="primary" id="check">{{t.bulletin.check}}</button></form>{{/canCheck}}
      {{#canIssue}}<form method="post" action="/bulletins/{{id}}/issue" style="display:inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="primary" id="issue">{{t.bulletin.issue}}</button></form>{{/canIssue}}
      {{/canManage}}
    </section>
    {{{article}}}
    """

    static let statistics = """
    \(bulletinStyle)
    <h1>{{t.dashboard.title}}</h1>
    <p class="muted">{{t.dashboard.live}}: {{start}} – {{end}} · <a href="/statistics/balances">{{t.balance.title}}</a></p>
    <div class="tiles">{{#tiles}}<div class="tile"><div class="value">{{value}}</div><div class="label">{{label}}</div></div>{{/tiles}}</div>
    <div class="grid2">
      <section class="card"><h2>{{t.bulletin.chart}}</h2>{{{chart}}}</section>
      <section class="card"><h2>{{t.dashboard.trend}}</h2>
        <table class="compact"><thead><tr><th>{{t.bulletin.col.unit}}</th><th>{{t.dashboard.collectedWeek}}</th><th></th><th>{{t.dashboard.callsWeek}}</th><th></th></tr></thead>
        <tbody>{{#trends}}<tr><th>{{unitName}}</th><td class="num">{{collectedLast}}</td><td>{{{collectedSpark}}}</td><td class="num">{{callsLast}}</td><td>{{{callsSpark}}}</td></tr>{{/trends}}</tbody></table>
      </section>
    </div>
    {{#attachments}}<section class="card bulletin" style="max-width:none"><h2>{{number}}. {{title}}</h2><table><thead><tr>{{#header}}<th>{{.}}</th>{{/header}}</tr></thead>
    <tbody>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody></table></section>{{/attachments}}
    """

    static let balances = """
    <p class="crumbs"><a href="/statistics">{{t.dashboard.title}}</a> › {{t.balance.title}}</p>
    <h1>{{t.balance.title}}</h1>
    {{#hasErrors}}<section class="card failure"><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul></section>{{/hasErrors}}
    {{#imported}}<section class="card success"><p>{{imported}}</p></section>{{/imported}}
    {{#canManage}}<section class="card"><p class="hint">{{t.balance.hint}}</p>
      <form method="post" action="/statistics/balances"><input type="hidden" name="_csrf" value="{{csrf}}">
      <textarea name="csv" rows="6" style="width:100%" placeholder="单位,系统,指标,截至日期,数值,备注">{{csv}}</textarea><br><button class="primary" id="import-balances">{{t.nav.import}}</button></form></section>{{/canManage}}
    <section class="card"><table><thead><tr><th>{{t.bulletin.col.unit}}</th><th>{{t.bulletin.col.system}}</th><th>{{t.bulletin.kind}}</th><th>{{t.bulletin.periodEnd}}</th><th class="num">#</th><th></th><th></th></tr></thead>
    <tbody>{{#items}}<tr><td>{{organizationName}}</td><td>{{systemName}}</td><td>{{measureLabel}}</td><td>{{asOf}}</td><td class="num">{{value}}</td><td>{{note}}</td><td class="muted">{{setBy}} · {{setAt}}</td></tr>{{/items}}</tbody></table></section>
    """
}
