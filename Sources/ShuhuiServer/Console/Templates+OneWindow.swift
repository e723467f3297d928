extension Templates {
    /// One-window pages.
    static let oneWindowPages: [String: String] = [
        "oneWindow": oneWindow, "oneWindowMatters": oneWindowMatters, "oneWindowCases": oneWindowCases,
        "oneWindowCase": oneWindowCase, "oneWindowIndicators": oneWindowIndicators, "oneWindowImport": oneWindowImport,
    ]

    static let oneWindowTabs = """
    <nav class="tabs"><a href="/one-window">{{t.ow.title.progress}}</a> · <a href="/one-window/matters">{{t.nav.matters}}</a> · <a href="/one-window/cases">{{t.nav.cases}}</a> · <a href="/one-window/bundles">{{t.ow.title.bundles}}</a> · <a href="/one-window/indicators">{{t.nav.indicators}}</a> · <a href="/one-window/indicators/definitions">{{t.ow.title.definitions}}</a> · <a href="/one-window/targets">{{t.ow.tab.targets}}</a> · <a href="/one-window/tasks">{{t.ow.tab.tasks}}</a> · <a href="/one-window/import">{{t.ow.title.import}}</a></nav>
    """

    static let tallyTable = """
    <tbody>{{#rows}}<tr><td>{{rank}}</td><td>{{name}}</td><td class="num">{{planned}}</td><td class="num">{{joined}}</td><td class="num">{{rate}}</td></tr>{{/rows}}</tbody>
    """

    static let oneWindow = """
    <h1>{{t.ow.title.progress}}</h1>
    \(oneWindowTabs)
    <div class="tiles">{{#tiles}}<div class="tile"><div class="value">{{value}}</div><div class="label">{{label}}</div></div>{{/tiles}}</div>
    <section class="card"><p>{{casesText}}</p><p>{{onlineText}}</p><p>{{bundleText}}</p></section>
    <section class="card" id="systems"><h2>{{t.ow.title.systems}}</h2>
    <table><thead><tr><th>{{t.ow.col.rank}}</th><th>{{t.ow.col.unit}}</th><th class="num">{{t.ow.col.planned}}</th><th class="num">{{t.ow.col.joined}}</th><th class="num">{{t.ow.col.systemRate}}</th></tr></thead>
    <tbody>{{#systems}}<tr><td>{{rank}}</td><td>{{name}}</td><td class="num">{{planned}}</td><td class="num">{{joined}}</td><td class="num">{{rate}}</td></tr>{{/systems}}</tbody>
    <tfoot>{{#municipal}}<tr><th></th><th>{{name}}</th><th class="num">{{planned}}</th><th class="num">{{joined}}</th><th class="num">{{rate}}</th></tr>{{/municipal}}
    {{#districts}}<tr><th></th><th>{{name}}</th><th class="num">{{planned}}</th><th class="num">{{joined}}</th><th class="num">{{rate}}</th></tr>{{/districts}}
    {{#systemsTotal}}<tr><th></th><th>{{name}}</th><th class="num">{{planned}}</th><th class="num">{{joined}}</th><th class="num">{{rate}}</th></tr>{{/systemsTotal}}</tfoot></table>
    <p>{{laggardText}}</p></section>
    <section class="card" id="top100"><h2>{{t.ow.title.top100}}</h2>
    <table><thead><tr><th>{{t.ow.col.rank}}</th><th>{{t.ow.col.department}}</th><th class="num">{{t.ow.col.confirmed}}</th><th class="num">{{t.ow.col.joined}}</th><th class="num">{{t.ow.col.share}}</th></tr></thead>
    <tbody>{{#top}}<tr><td>{{rank}}</td><td>{{name}}</td><td class="num">{{planned}}</td><td class="num">{{joined}}</td><td class="num">{{rate}}</td></tr>{{/top}}</tbody>
    <tfoot>{{#topTotal}}<tr><th></th><th>{{name}}</th><th class="num">{{planned}}</th><th class="num">{{joined}}</th><th class="num">{{rate}}</th></tr>{{/topTotal}}</tfoot></table></section>
    <section class="card" id="targets"><h2>{{t.ow.title.targets}}</h2>
    <table><thead><tr><th>{{t.ow.col.target}}</th><th>{{t.ow.col.scope}}</th><th>{{t.ow.col.deadline}}</th><th class="num">{{t.ow.col.target}}</th><th class="num">{{t.ow.col.progress}}</th><th></th></tr></thead>
    <tbody>{{#targets}}<tr><td>{{label}}</td><td>{{scope}}</td><td>{{deadline}}</td><td class="num">{{goal}}</td><td class="num">{{rate}}</td><td>{{#met}}<span class="badge">{{t.ow.met}}</span>{{/met}}{{^met}}<span class="badge">{{t.ow.notMet}}</span>{{/met}}{{#overdue}} <span class="badge overdue">{{t.ow.overdueMark}}</span>{{/overdue}}</td></tr>{{/targets}}</tbody></table></section>
    <div class="grid2">
    <section class="card" id="cases"><h2>{{t.ow.title.cases}}</h2>
    <table class="compact"><thead><tr><th>{{t.ow.col.unit}}</th><th class="num">{{t.ow.col.received}}</th><th class="num">{{t.ow.col.accepted}}</th><th class="num">{{t.ow.col.completed}}</th><th class="num">{{t.ow.col.overdue}}</th></tr></thead>
    <tbody>{{#counts}}<tr><td>{{name}}</td><td class="num">{{received}}</td><td class="num">{{accepted}}</td><td class="num">{{completed}}</td><td class="num">{{overdue}}</td></tr>{{/counts}}</tbody>
    <tfoot>{{#countsTotal}}<tr><th>{{name}}</th><th class="num">{{received}}</th><th class="num">{{accepted}}</th><th class="num">{{completed}}</th><th class="num">{{overdue}}</th></tr>{{/countsTotal}}</tfoot></table></section>
    <section class="card" id="weeks"><h2>{{t.ow.title.weeks}}</h2>
    <table class="compact"><thead><tr><th>{{t.ow.col.week}}</th><th class="num">{{t.ow.col.received}}</th><th class="num">{{t.ow.col.accepted}}</th><th class="num">{{t.ow.col.completed}}</th></tr></thead>
    <tbody>{{#weeks}}<tr><td>{{name}}</td><td class="num">{{received}}</td><td class="num">{{accepted}}</td><td class="num">{{completed}}</td></tr>{{/weeks}}</tbody></table></section>
    </div>
    <section class="card" id="bundles"><h2>{{t.ow.title.bundles}}</h2>
    <table><thead><tr><th>{{t.ow.col.bundle}}</th><th>{{t.ow.col.unit}}</th><th>{{t.ow.col.matter}}</th><th class="num">{{t.ow.col.matters}}</th><th class="num">{{t.ow.col.applications}}</th><th class="num">{{t.ow.col.completed}}</th></tr></thead>
    <tbody>{{#bundles}}<tr><td>{{name}}</td><td>{{unit}}</td><td>{{matters}}</td><td class="num">{{count}}</td><td class="num">{{applications}}</td><td class="num">{{completed}}</td></tr>{{/bundles}}</tbody></table></section>
    <section class="card" id="tasks"><h2>{{t.ow.title.tasks}} <span class="muted">{{taskSummary}}</span></h2>
    <table><thead><tr><th>{{t.ow.col.task}}</th><th>{{t.ow.col.unit}}</th><th>{{t.ow.col.owner}}</th><th>{{t.ow.col.deadline}}</th><th>{{t.ow.col.filed}}</th></tr></thead>
    <tbody>{{#tasks}}<tr><td{{#sub}} style="padding-left:1.5rem"{{/sub}}>{{title}}</td><td>{{unit}}</td><td>{{owner}}</td><td>{{due}}{{#overdue}} <span class="badge overdue">{{t.ow.overdueMark}}</span>{{/overdue}}</td><td>{{#filed}}{{progress}}{{/filed}}{{^filed}}—{{/filed}}</td></tr>{{/tasks}}</tbody></table></section>
    """

    static let oneWindowMatters = """
    <h1>{{t.ow.title.matters}}</h1>
    \(oneWindowTabs)
    <form class="filters card" method="get" action="/one-window/matters">
      <select name="org"><option value="">{{t.catalog.anyUnit}}</option>{{#orgOptions}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/orgOptions}}</select>
      <select name="joined"><option value="">{{t.ow.any}} · {{t.ow.col.joinStatus}}</option><option value="true"{{#joinedYes}} selected{{/joinedYes}}>{{t.ow.joined}}</option><option value="false"{{#joinedNo}} selected{{/joinedNo}}>{{t.ow.notJoined}}</option></select>
      <select name="status">{{#standings}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/standings}}</select>
      <input name="q" value="{{q}}" placeholder="{{t.ow.col.matter}}">
      <button class="primary">{{t.ow.filter}}</button>
    </form>
    \(formFailure)
    <p class="muted">{{total}}</p>
    <section class="card"><table id="matters"><thead><tr><th>{{t.col.code}}</th><th>{{t.ow.col.matter}}</th><th>{{t.ow.col.unit}}</th><th>{{t.ow.col.kind}}</th><th>{{t.ow.col.level}}</th><th class="num">{{t.ow.col.promised}}</th><th class="num">{{t.ow.col.volume}}</th><th>{{t.ow.col.system}}</th><th>{{t.ow.col.joinStatus}}</th><th>{{t.ow.col.online}}</th><th></th></tr></thead>
    <tbody>{{#items}}<tr><td class="mono"><a href="/one-window/cases?matter={{code}}">{{code}}</a></td><td>{{name}}{{#top100}} <span class="badge">TOP100</span>{{/top100}}</td><td>{{unit}}</td><td>{{kind}}</td><td>{{level}}</td><td class="num">{{promised}}</td><td class="num">{{volume}}</td><td>{{system}}</td>
    <td>{{#joined}}<span class="badge">{{t.ow.joined}}</span> {{joinedOn}} {{mode}} {{batch}}{{/joined}}{{^joined}}<span class="badge overdue">{{t.ow.notJoined}}</span>{{/joined}}</td>
    <td>{{#online}}{{t.ow.yes}}{{/online}}{{^online}}{{t.ow.no}} {{exception}}{{/online}}</td>
    <td>{{#retiredOn}}<span class="badge overdue">{{t.ow.retiredMark}} {{retiredOn}}</span> {{retiredReason}}{{/retiredOn}}
    {{#mayRetire}}<form method="post" action="/one-window/matters/{{code}}/retire" class="filters"><input type="hidden" name="_csrf" value="{{csrf}}"><input name="reason" placeholder="{{t.ow.form.retireReason}}" required><input name="retiredOn" type="date" title="{{t.ow.form.retiredOn}}"><button>{{t.ow.retire}}</button></form>{{/mayRetire}}
    {{#mayReinstate}}<form method="post" action="/one-window/matters/{{code}}/reinstate"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="link">{{t.ow.reinstate}}</button></form>{{/mayReinstate}}</td></tr>{{/items}}</tbody></table>
    {{#pager}}{{> pager}}{{/pager}}</section>
    """

    static let oneWindowCases = """
    <h1>{{t.nav.cases}}</h1>
    \(oneWindowTabs)
    <form class="filters card" method="get" action="/one-window/cases">
      <select name="state"><option value="">{{t.ow.any}} · {{t.ow.col.state}}</option>{{#stateOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/stateOptions}}</select>
      <button class="primary">{{t.ow.filter}}</button>
    </form>
    <section class="card"><table id="cases"><thead><tr><th>#</th><th>{{t.ow.col.matter}}</th><th>{{t.ow.col.unit}}</th><th>{{t.ow.col.applicant}}</th><th>{{t.ow.col.state}}</th><th>{{t.ow.col.time}}</th><th>{{t.ow.col.due}}</th></tr></thead>
    <tbody>{{#items}}<tr><td><a href="/one-window/cases/{{id}}">#{{id}}</a></td><td><a href="/one-window/cases/{{id}}">{{matter}}</a></td><td>{{unit}}</td><td>{{applicant}}</td><td>{{state}}</td><td>{{received}}</td><td>{{due}}{{#overdue}} <span class="badge overdue">{{t.ow.overdueMark}}</span>{{/overdue}}</td></tr>{{/items}}</tbody></table>
    {{^items}}<p class="empty">{{t.ow.none}}</p>{{/items}}
    {{#pager}}{{> pager}}{{/pager}}</section>
    """

    static let oneWindowCase = """
    <p class="crumbs"><a href="/one-window/cases">{{t.nav.cases}}</a> › #{{id}}</p>
    <h1>{{t.ow.title.case}} #{{id}} · {{matter}} <span class="badge">{{state}}</span>{{#overdue}} <span class="badge overdue">{{t.ow.overdueMark}}</span>{{/overdue}}</h1>
    {{#hasError}}<section class="card error"><p>{{error}}</p></section>{{/hasError}}
    <section class="card"><dl class="meta">
      <dt>{{t.col.code}}</dt><dd class="mono">{{matterCode}}</dd>
      <dt>{{t.ow.col.unit}}</dt><dd>{{unit}}</dd>
      <dt>{{t.ow.col.applicant}}</dt><dd>{{applicant}}</dd>
      <dt>{{t.ow.col.received}}</dt><dd>{{received}}</dd>
      <dt>{{t.ow.col.accepted}}</dt><dd>{{acceptedOn}}</dd>
      <dt>{{t.ow.col.promised}}</dt><dd>{{promised}}</dd>
      <dt>{{t.ow.col.due}}</dt><dd>{{due}}</dd>
      <dt>{{t.ow.col.remaining}}</dt><dd>{{remaining}}</dd>
      <dt>{{t.ow.col.completed}}</dt><dd>{{completedOn}}</dd>
      <dt>{{t.ow.col.reason}}</dt><dd>{{reason}}</dd>
    </dl></section>
    {{#mayAct}}<section class="card" id="actions"><h2>{{t.ow.title.actions}}</h2>
    <form method="post" action="/one-window/cases/{{id}}"><input type="hidden" name="_csrf" value="{{csrf}}">
      <select name="action">{{#actions}}<option value="{{value}}">{{label}}</option>{{/actions}}</select>
      <input name="reason" placeholder="{{t.ow.col.reason}}">
      <button class="primary">{{t.ow.submit}}</button>
    </form></section>{{/mayAct}}
    <section class="card" id="history"><h2>{{t.ow.title.history}}</h2>
    <table><thead><tr><th>{{t.ow.col.time}}</th><th>{{t.ow.col.actor}}</th><th>{{t.ow.col.state}}</th><th>{{t.ow.col.reason}}</th></tr></thead>
    <tbody>{{#events}}<tr><td>{{at}}</td><td>{{actor}}</td><td>{{action}} → {{state}}</td><td>{{reason}}</td></tr>{{/events}}</tbody></table></section>
    """

    static let oneWindowIndicators = """
    <h1>{{t.ow.title.indicators}}</h1>
    \(oneWindowTabs)
    <form class="filters card" method="get" action="/one-window/indicators">
      <select name="period">{{#periods}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/periods}}</select>
      <select name="scope">{{#scopes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/scopes}}</select>
      <button class="primary">{{t.ow.filter}}</button>
    </form>
    <section class="card"><table id="ranking"><thead><tr><th>{{t.ow.col.rank}}</th><th>{{t.ow.col.unit}}</th>{{#columns}}<th class="num">{{name}}</th>{{/columns}}</tr></thead>
    <tbody>{{#rows}}<tr><td>{{rank}}</td><td>{{name}}</td>{{#cells}}<td class="num">{{text}}</td>{{/cells}}</tr>{{/rows}}</tbody>
    <tfoot><tr><th></th><th>{{t.ow.sum}}</th>{{#total}}<th class="num">{{text}}</th>{{/total}}</tr></tfoot></table>
    {{^rows}}<p class="empty">{{t.ow.none}}</p>{{/rows}}</section>
    {{#hasTrend}}<section class="card" id="trend"><h2>{{trendName}} · {{t.ow.title.trend}}</h2>
    <table class="compact"><thead><tr><th>{{t.ow.col.period}}</th><th class="num">{{t.ow.sum}}</th><th class="num">{{t.ow.col.unit}}</th></tr></thead>
    <tbody>{{#trend}}<tr><td>{{period}}</td><td class="num">{{text}}</td><td class="num">{{units}}</td></tr>{{/trend}}</tbody></table></section>{{/hasTrend}}
    """

    static let oneWindowImport = """
    <h1>{{t.ow.title.import}}</h1>
    \(oneWindowTabs)
    {{#ok}}<section class="card ok"><p>{{ok}}</p></section>{{/ok}}
    {{#failed}}<section class="card error"><p>{{failed}}</p>
    <table id="import-errors"><thead><tr><th>{{t.col.sheet}}</th><th class="num">{{t.col.row}}</th><th>{{t.col.column}}</th><th>{{t.col.reason}}</th></tr></thead>
    <tbody>{{#errors}}<tr><td>{{sheet}}</td><td class="num">{{row}}</td><td>{{column}}</td><td>{{message}}</td></tr>{{/errors}}</tbody></table></section>{{/failed}}
    <section class="card"><h2>{{t.ow.import.mattersTitle}}</h2><p class="muted">{{t.ow.import.mattersHint}} <a href="/api/v1/one-window/export/matters?format=xlsx">xlsx</a></p>
    <form method="post" action="/one-window/import" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="kind" value="matters">
    <input type="file" name="file" accept=".xlsx,.csv" required> <button class="primary">{{t.ow.title.import}}</button></form></section>
    <section class="card"><h2>{{t.ow.import.joinsTitle}}</h2><p class="muted">{{t.ow.import.joinsHint}}</p>
    <form method="post" action="/one-window/import" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="kind" value="joins">
    <input type="file" name="file" accept=".xlsx,.csv" required> <label><input type="checkbox" name="replace"> {{t.ow.import.replace}}</label> <button class="primary">{{t.ow.title.import}}</button></form></section>
    <section class="card"><h2>{{t.ow.import.indicatorsTitle}}</h2><p class="muted">{{t.ow.import.indicatorsHint}}</p>
    <form method="post" action="/one-window/import" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="kind" value="indicators">
    <input type="file" name="file" accept=".xlsx,.csv" required> <input name="period" placeholder="{{t.ow.col.period}} 2018-07-27"> <button class="primary">{{t.ow.title.import}}</button></form></section>
    """
}
