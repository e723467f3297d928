/// The console's Mustache templates. They live in the binary, so `shuhui` runs from any
/// directory; every visible word comes from the string table via `t.…`.
enum Templates {
    static let all: [String: String] = base.merging(sharingPages) { a, _ in a }.merging(pushQueryPages) { a, _ in a }.merging(openDataPages) { a, _ in a }.merging(oneWindowPages) { a, _ in a }.merging(oneWindowFormPages) { a, _ in a }.merging(bulletinPages) { a, _ in a }

    private static let base: [String: String] = [
        "layout": layout, "login": login, "dashboard": dashboard, "organizations": organizations, "systems": systems,
        "catalog": catalog, "resource": resource, "import": importPage, "tokens": tokens, "message": message,
        "quality": quality, "resourceData": resourceData,
    ]

    static let layout = """
    <!doctype html>
    <html lang="{{langCode}}">
    <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · {{t.app.short}}</title><link rel="stylesheet" href="/static/app.css"></head>
    <body>
    <header class="top">
      <a class="brand" href="/">{{t.app.short}}<small>{{t.app.bureau}}</small></a>
      {{#user}}<nav>{{#nav}}{{#link}}<a href="{{href}}"{{#active}} class="active" aria-current="page"{{/active}}>{{label}}</a>{{/link}}{{#menu}}<details class="menu"><summary{{#active}} class="active"{{/active}}>{{label}}</summary><div>{{#items}}<a href="{{href}}"{{#active}} class="active" aria-current="page"{{/active}}>{{label}}</a>{{/items}}</div></details>{{/menu}}{{/nav}}</nav>
      <script>document.addEventListener("click",e=>{for(const d of document.querySelectorAll("details.menu[open]"))if(!d.contains(e.target))d.open=false})</script>{{/user}}
      <div class="who">
        {{#user}}<span>{{displayName}} · {{roleLabel}}</span>
        <form method="post" action="/logout"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="link">{{t.nav.logout}}</button></form>{{/user}}
        <a class="lang" href="{{langSwitch}}" id="lang-switch">{{t.nav.language}}</a>
      </div>
    </header>
    <main>
    {{{body}}}
    </main>
    <footer>{{t.app.name}} · {{t.app.bureau}}</footer>
    </body></html>
    """

    static let login = """
    <section class="login card">
      <h1>{{t.login.title}}</h1>
      {{#failed}}<p class="error" role="alert">{{t.login.failed}}</p>{{/failed}}
      <form method="post" action="/login">
        <input type="hidden" name="next" value="{{next}}">
        <label>{{t.login.username}}<input name="username" id="username" autocomplete="username" required value="{{username}}"></label>
        <label>{{t.login.password}}<input name="password" id="password" type="password" autocomplete="current-password" required></label>
        <button type="submit" id="login-submit" class="primary">{{t.login.submit}}</button>
      </form>
      <p class="hint">{{t.login.hint}}</p>
    </section>
    """

    static let dashboard = """
    <h1>{{t.dash.title}}</h1>
    <div class="tiles">
      {{#tiles}}<div class="tile"><div class="value">{{value}}</div><div class="label">{{label}}</div></div>{{/tiles}}
    </div>
    <div class="grid2">
      <section class="card"><h2>{{t.chart.resourcesByUnit}}</h2>{{{chart}}}</section>
      <section class="card">
        <h2>{{t.stat.byGrade}}</h2>
        <table class="compact"><tbody>{{#byGrade}}<tr><th>{{label}}</th><td class="num">{{value}}</td></tr>{{/byGrade}}</tbody></table>
        <h2>{{t.stat.bySharing}}</h2>
        <table class="compact"><tbody>{{#bySharing}}<tr><th>{{label}}</th><td class="num">{{value}}</td></tr>{{/bySharing}}</tbody></table>
        <h2>{{t.stat.byOpen}}</h2>
        <table class="compact"><tbody>{{#byOpen}}<tr><th>{{label}}</th><td class="num">{{value}}</td></tr>{{/byOpen}}</tbody></table>
        <h2>{{t.stat.byLevel}}</h2>
        <table class="compact"><tbody>{{#byLevel}}<tr><th>{{label}}</th><td class="num">{{value}}</td></tr>{{/byLevel}}</tbody></table>
      </section>
    </div>
    <section class="card">
      <h2>{{t.stat.byUnit}}</h2>
      <table><thead><tr><th>{{t.col.rank}}</th><th>{{t.col.unit}}</th><th class="num">{{t.col.resources}}</th><th class="num">{{t.col.fields}}</th><th class="num">{{t.col.shareable}}</th></tr></thead>
      <tbody>{{#byUnit}}<tr><td>{{rank}}</td><td><a href="/catalog?provider={{organizationID}}">{{organizationName}}</a></td><td class="num">{{resources}}</td><td class="num">{{fields}}</td><td class="num">{{shareableFields}}</td></tr>{{/byUnit}}</tbody>
      <tfoot><tr><th></th><th>{{t.stat.total}}</th><th class="num">{{totals.resources}}</th><th class="num">{{totals.fields}}</th><th class="num">{{totals.shareableFields}}</th></tr></tfoot></table>
    </section>
    """

    static let organizations = """
    <h1>{{t.nav.organizations}}</h1>
    <div class="tiles">{{#kinds}}<div class="tile"><div class="value">{{value}}</div><div class="label">{{label}}</div></div>{{/kinds}}</div>
    <section class="card">
    <table class="tree"><thead><tr><th>{{t.col.name}}</th><th>{{t.col.kind}}</th><th>{{t.col.code}}</th><th>{{t.col.region}}</th><th class="num">{{t.col.systems}}</th><th class="num">{{t.col.resources}}</th></tr></thead>
    <tbody>{{#rows}}<tr><td style="padding-left:{{indent}}rem">{{#hasChildren}}▸ {{/hasChildren}}<a href="/systems?org={{id}}">{{name}}</a></td><td><span class="badge kind-{{kind}}">{{kindLabel}}</span></td><td class="mono">{{code}}</td><td class="mono">{{regionCode}}</td><td class="num">{{systems}}</td><td class="num"><a href="/catalog?provider={{id}}">{{resources}}</a></td></tr>{{/rows}}</tbody></table>
    </section>
    """

    static let systems = """
    <h1>{{t.nav.systems}}</h1>
    <div class="tiles">{{#levels}}<div class="tile"><div class="value">{{value}}</div><div class="label">{{label}}</div></div>{{/levels}}</div>
    <form class="filters card" method="get" action="/systems">
      <select name="org"><option value="">{{t.catalog.anyUnit}}</option>{{#orgOptions}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/orgOptions}}</select>
      <select name="level"><option value="">{{t.catalog.any}} · {{t.col.level}}</option>{{#levelOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/levelOptions}}</select>
      <input name="q" value="{{q}}" placeholder="{{t.col.name}}">
      <button class="primary">{{t.catalog.search}}</button>
    </form>
    <p class="muted">{{resultsLabel}}</p>
    <section class="card">
    <table><thead><tr><th>{{t.col.code}}</th><th>{{t.col.name}}</th><th>{{t.col.unit}}</th><th>{{t.col.level}}</th><th>{{t.col.status}}</th><th>{{t.col.owner}}</th></tr></thead>
    <tbody>{{#items}}<tr><td class="mono">{{code}}</td><td>{{name}}</td><td>{{unit}}</td><td><span class="badge level-{{level}}">{{levelLabel}}</span></td><td>{{statusLabel}}</td><td>{{owner}}</td></tr>{{/items}}</tbody></table>
    {{> pager}}
    </section>
    """

    static let pager = """
    <nav class="pager">{{#prev}}<a href="{{prev}}" rel="prev">{{t.catalog.prev}}</a>{{/prev}}<span>{{pageLabel}}</span>{{#next}}<a href="{{next}}" rel="next" id="next-page">{{t.catalog.next}}</a>{{/next}}</nav>
    """

    static let catalog = """
    <h1>{{t.catalog.title}}</h1>
    <form class="filters card" method="get" action="/catalog" id="catalog-search">
      <input name="q" id="q" value="{{q}}" placeholder="{{t.catalog.searchPlaceholder}}">
      <input name="field" value="{{field}}" placeholder="{{t.catalog.fieldPlaceholder}}">
      <select name="provider"><option value="">{{t.catalog.anyProvider}}</option>{{#orgOptions}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/orgOptions}}</select>
      <select name="sharing"><option value="">{{t.catalog.any}} · {{t.col.sharing}}</option>{{#sharingOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sharingOptions}}</select>
      <select name="open"><option value="">{{t.catalog.any}} · {{t.col.open}}</option>{{#openOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/openOptions}}</select>
      <select name="grade"><option value="">{{t.catalog.any}} · {{t.col.grade}}</option>{{#gradeOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/gradeOptions}}</select>
      <button class="primary" id="search-submit">{{t.catalog.search}}</button>
      <a class="button" href="/catalog/export.xlsx">{{t.catalog.export}}</a>
    </form>
    <p class="muted" id="result-count">{{resultsLabel}}</p>
    <section class="card">
    {{^items}}<p class="empty">{{t.catalog.none}}</p>{{/items}}
    {{#hasItems}}<table id="results"><thead><tr><th>{{t.col.code}}</th><th>{{t.col.name}}</th><th>{{t.col.provider}}</th><th class="num">{{t.col.fields}}</th><th>{{t.col.sharing}}</th><th>{{t.col.open}}</th><th>{{t.col.grade}}</th><th class="num">{{t.col.version}}</th></tr></thead>
    <tbody>{{#items}}<tr><td class="mono"><a href="/catalog/{{code}}">{{code}}</a></td><td><a class="resource-link" href="/catalog/{{code}}">{{name}}</a></td><td>{{providerName}}</td><td class="num">{{fieldCount}}</td><td>{{sharingLabel}}</td><td>{{openLabel}}</td><td><span class="badge grade-{{grade}}">{{grade}}</span></td><td class="num">v{{version}}</td></tr>{{/items}}</tbody></table>{{/hasItems}}
    {{> pager}}
    </section>
    """

    static let resource = """
    <p class="crumbs"><a href="/catalog">{{t.catalog.title}}</a> › <span class="mono">{{code}}</span></p>
    <h1 id="resource-name">{{name}} <span class="badge grade-{{grade}}">{{grade}}</span>{{#retired}} <span class="badge">{{t.status.retired}}</span>{{/retired}}{{#canRequest}} <a class="button" id="request-data" href="/sharing/new?resource={{code}}">{{t.sharing.new}}</a>{{/canRequest}}</h1>
    <section class="card">
      <h2>{{t.resource.basics}}</h2>
      <dl class="meta">{{#meta}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/meta}}</dl>
    </section>
    <section class="card">
      <h2>{{t.resource.fields}} ({{fieldCount}})</h2>
      <table id="fields"><thead><tr><th>{{t.col.rank}}</th><th>{{t.col.name}}</th><th>{{t.col.code}}</th><th>{{t.col.type}}</th><th class="num">{{t.col.length}}</th><th>{{t.col.required}}</th><th>{{t.col.primaryKey}}</th><th>{{t.col.sensitivity}}</th><th>{{t.col.sharing}}</th><th>{{t.col.description}}</th></tr></thead>
      <tbody>{{#fields}}<tr><td>{{rank}}</td><td>{{name}}</td><td class="mono">{{code}}</td><td>{{typeLabel}}</td><td class="num">{{length}}</td><td>{{requiredLabel}}</td><td>{{keyLabel}}</td><td><span class="badge grade-{{sensitivity}}">{{sensitivity}}</span></td><td>{{sharingLabel}}</td><td>{{summary}}</td></tr>{{/fields}}</tbody></table>
    </section>
    <section class="card">
      <h2>{{t.resource.versions}}</h2>
      <table id="versions"><thead><tr><th>{{t.col.version}}</th><th>{{t.col.time}}</th><th>{{t.col.actor}}</th><th>{{t.col.summary}}</th></tr></thead>
      <tbody>{{#versions}}<tr><td>v{{version}}</td><td>{{at}}</td><td>{{actorName}}</td><td>{{action}}<ul class="changes">{{#changes}}<li><span class="chg-{{kind}}">{{kindLabel}}</span> <code>{{path}}</code>{{#before}} <del>{{before}}</del>{{/before}}{{#after}} <ins>{{after}}</ins>{{/after}}</li>{{/changes}}</ul></td></tr>{{/versions}}</tbody></table>
    </section>
    {{#canEdit}}<section class="card" id="rules">
      <h2>{{t.rules.title}}</h2>
      <p class="muted">{{t.rules.help}}</p>
      {{#rulesSaved}}<p class="success" role="status">{{rulesSaved}}</p>{{/rulesSaved}}
      {{#ruleErrors}}<p class="error" role="alert">{{.}}</p>{{/ruleErrors}}
      <form method="post" action="/catalog/{{code}}/rules">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <table class="compact"><tbody>{{#ruleRows}}<tr><th>{{name}} <span class="mono">{{code}}</span></th><td><input name="rule_{{code}}" value="{{notation}}" style="width:100%"></td></tr>{{/ruleRows}}</tbody></table>
        <p><button class="primary" type="submit">{{t.rules.save}}</button></p>
      </form>
    </section>{{/canEdit}}
    {{{dataSection}}}
    """

    static let importPage = """
    <h1>{{t.import.title}}</h1>
    <section class="card">
      <p>{{t.import.help}}</p>
      <form method="post" action="/import" enctype="multipart/form-data" id="import-form">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{t.import.file}} <input type="file" name="file" accept=".xlsx,.csv" required></label>
        <button class="primary" type="submit">{{t.import.submit}}</button>
        <a class="button" href="/api/v1/catalog/template?format=xlsx">{{t.import.template}}</a>
      </form>
    </section>
    {{#ok}}<section class="card success" role="status"><p>{{ok}}</p><ul>{{#codes}}<li><a href="/catalog/{{.}}">{{.}}</a></li>{{/codes}}</ul></section>{{/ok}}
    {{#failed}}<section class="card failure" role="alert"><p class="error">{{failed}}</p>
      <table id="import-errors"><thead><tr><th>{{t.col.sheet}}</th><th class="num">{{t.col.row}}</th><th>{{t.col.column}}</th><th>{{t.col.reason}}</th></tr></thead>
      <tbody>{{#errors}}<tr><td>{{sheet}}</td><td class="num">{{row}}</td><td>{{column}}</td><td>{{message}}</td></tr>{{/errors}}</tbody></table></section>{{/failed}}
    """

    static let tokens = """
    <h1>{{t.tokens.title}}</h1>
    {{#secret}}<section class="card success"><p>{{t.tokens.created}}</p><pre class="mono" id="token-secret">{{secret}}</pre></section>{{/secret}}
    <section class="card">
      <form method="post" action="/tokens" class="filters">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <input name="name" placeholder="{{t.tokens.name}}" required>
        <button class="primary">{{t.tokens.create}}</button>
      </form>
      <table><thead><tr><th>{{t.tokens.name}}</th><th>{{t.tokens.prefix}}</th><th>{{t.col.time}}</th><th>{{t.tokens.lastUsed}}</th><th>{{t.col.status}}</th><th></th></tr></thead>
      <tbody>{{#items}}<tr><td>{{name}}</td><td class="mono">{{prefix}}…</td><td>{{createdAt}}</td><td>{{lastUsedAt}}</td><td>{{statusLabel}}</td><td>{{^revoked}}<form method="post" action="/tokens/{{id}}/revoke"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="link">{{t.tokens.revoke}}</button></form>{{/revoked}}</td></tr>{{/items}}</tbody></table>
    </section>
    """

    static let quality = """
    <h1>{{t.quality.title}}</h1>
    <div class="tiles">{{#tiles}}<div class="tile"><div class="value">{{value}}</div><div class="label">{{label}}</div></div>{{/tiles}}</div>
    <p class="muted">{{t.quality.governanceHelp}}</p>
    <div class="grid2">
      <section class="card"><h2>{{t.quality.byDimension}}</h2>{{{chart}}}{{^chart}}<p class="empty">{{t.quality.noData}}</p>{{/chart}}</section>
      <section class="card"><h2>{{t.quality.byUnit}}</h2>
      <table id="quality-units"><thead><tr><th>{{t.col.unit}}</th><th class="num">{{t.quality.collected}}</th><th class="num">{{t.quality.score}}</th><th class="num">{{t.quality.rowsCollected}}</th><th class="num">{{t.quality.openProblems}}</th></tr></thead>
      <tbody>{{#units}}<tr><td><a href="/catalog?provider={{organizationID}}">{{organizationName}}</a></td><td class="num">{{collectedResources}}/{{resources}}</td><td class="num">{{score}}</td><td class="num">{{rowsCollected}}</td><td class="num">{{openProblems}}</td></tr>{{/units}}</tbody></table></section>
    </div>
    """

    static let resourceData = """
    <section class="card" id="quality">
      <h2>{{t.quality.title}}{{#score}} · {{t.quality.score}} {{score}}{{/score}}{{#timelyLabel}} · {{timelyLabel}}{{/timelyLabel}}</h2>
      {{#hasBatches}}{{{chart}}}
      {{#worst}}<h3>{{t.quality.worstRules}}</h3><table class="compact"><tbody>{{#worst}}<tr><th>{{label}}</th><td class="num">{{count}}</td></tr>{{/worst}}</tbody></table>{{/worst}}{{/hasBatches}}
      {{^hasBatches}}<p class="empty">{{t.quality.noData}}</p>{{/hasBatches}}
    </section>
    {{#hasBatches}}<section class="card" id="batches">
      <h2>{{t.batch.history}}</h2>
      <table><thead><tr><th>{{t.batch.id}}</th><th>{{t.col.time}}</th><th>{{t.col.actor}}</th><th>{{t.batch.mode}}</th><th>{{t.col.status}}</th><th class="num">{{t.batch.rows}}</th><th class="num">{{t.batch.stored}}</th><th class="num">{{t.batch.problems}}</th><th class="num">{{t.batch.bytes}}</th></tr></thead>
      <tbody>{{#batches}}<tr><td>#{{id}}</td><td>{{startedAt}}</td><td>{{actorName}}</td><td>{{mode}} · {{format}}</td><td title="{{error}}">{{statusLabel}}</td><td class="num">{{rowsTotal}}</td><td class="num">{{rowsStored}}</td><td class="num">{{problemRows}}</td><td class="num">{{bytes}}</td></tr>{{/batches}}</tbody></table>
    </section>{{/hasBatches}}
    {{#canSeeProblems}}{{#hasProblems}}<section class="card" id="problems">
      <h2>{{t.problem.title}} ({{problemTotal}}) <a class="button" href="/catalog/{{code}}/problems.xlsx">{{t.quality.download}}</a></h2>
      <table><thead><tr><th class="num">{{t.problem.row}}</th><th>{{t.problem.key}}</th><th>{{t.problem.field}}</th><th>{{t.problem.rule}}</th><th>{{t.problem.dimension}}</th><th>{{t.problem.value}}</th><th>{{t.col.reason}}</th></tr></thead>
      <tbody>{{#problems}}<tr><td class="num">{{rowNumber}}</td><td class="mono">{{key}}</td><td class="mono">{{field}}</td><td>{{rule}}</td><td>{{dimensionLabel}}</td><td class="mono">{{value}}</td><td>{{message}}</td></tr>{{/problems}}</tbody></table>
    </section>{{/hasProblems}}{{/canSeeProblems}}
    """

    static let message = """
    <section class="card"><h1>{{heading}}</h1><p>{{text}}</p><p><a href="/">{{t.nav.dashboard}}</a></p></section>
    """
}
