extension Templates {
    /// One-window form pages: bundles, indicator definitions, targets, tasks and filings.
    static let oneWindowFormPages: [String: String] = [
        "oneWindowBundles": oneWindowBundles, "oneWindowDefinitions": oneWindowDefinitions,
        "oneWindowTargets": oneWindowTargets, "oneWindowTasks": oneWindowTasks,
    ]

    /// A refused form's messages.
    static let formFailure = """
    {{#failure}}<section class="card error" id="form-errors"><p>{{t.ow.form.failed}}</p><ul>{{#messages}}<li>{{.}}</li>{{/messages}}</ul></section>{{/failure}}
    """

    static let oneWindowBundles = """
    <h1>{{t.ow.title.bundles}}</h1>
    \(oneWindowTabs)
    \(formFailure)
    <section class="card"><table id="bundles"><thead><tr><th>{{t.ow.form.code}}</th><th>{{t.ow.col.bundle}}</th><th>{{t.ow.form.leadUnit}}</th><th>{{t.ow.col.matter}}</th><th class="num">{{t.ow.col.matters}}</th><th class="num">{{t.ow.col.applications}}</th><th class="num">{{t.ow.col.completed}}</th></tr></thead>
    <tbody>{{#items}}<tr><td class="mono">{{code}}</td><td>{{name}}</td><td>{{unit}}</td><td>{{matters}}</td><td class="num">{{count}}</td><td class="num">{{applications}}</td><td class="num">{{completed}}</td></tr>{{/items}}</tbody></table>
    {{#empty}}<p class="empty">{{t.ow.none}}</p>{{/empty}}</section>
    {{#mayManage}}<section class="card" id="new-bundle"><h2>{{t.ow.form.newBundle}}</h2>
    <form method="post" action="/one-window/bundles"><input type="hidden" name="_csrf" value="{{csrf}}">
      <p class="filters"><label>{{t.ow.form.code}} <input name="code" value="{{form.code}}" required></label>
      <label>{{t.ow.form.name}} <input name="name" value="{{form.name}}" required></label>
      <label>{{t.ow.form.leadUnit}} <select name="organizationID"><option value="">—</option>{{#orgOptions}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/orgOptions}}</select></label>
      <label>{{t.ow.form.audience}} <select name="audience">{{#audiences}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/audiences}}</select></label></p>
      <h3>{{t.ow.form.matters}}</h3>
      <table class="compact"><tbody>{{#matters}}<tr><td><input type="checkbox" name="matter_{{code}}" id="m-{{code}}"{{#checked}} checked{{/checked}}></td><td>{{unit}}</td><td><label for="m-{{code}}">{{name}}</label></td><td class="mono">{{code}}</td></tr>{{/matters}}</tbody></table>
      <button class="primary">{{t.ow.form.create}}</button>
    </form></section>{{/mayManage}}
    """

    static let oneWindowDefinitions = """
    <h1>{{t.ow.title.definitions}}</h1>
    \(oneWindowTabs)
    \(formFailure)
    <section class="card"><table id="definitions"><thead><tr><th>{{t.ow.form.code}}</th><th>{{t.ow.form.name}}</th><th>{{t.ow.form.unitOfMeasure}}</th><th>{{t.ow.form.period}}</th><th>{{t.ow.form.better}}</th><th>{{t.ow.form.percent}}</th><th class="num">{{t.ow.form.decimals}}</th><th>{{t.ow.form.formula}}</th><th></th></tr></thead>
    <tbody>{{#items}}<tr><td class="mono">{{code}}</td><td>{{name}}</td><td>{{unitOfMeasure}}</td><td>{{period}}</td><td>{{better}}</td><td>{{#percent}}%{{/percent}}</td><td class="num">{{decimals}}</td><td class="mono">{{formula}}</td><td>{{#mayManage}}<a href="/one-window/indicators/definitions?code={{code}}">{{t.ow.form.edit}}</a>{{/mayManage}}</td></tr>{{/items}}</tbody></table>
    {{#empty}}<p class="empty">{{t.ow.none}}</p>{{/empty}}</section>
    {{#mayManage}}<section class="card" id="define-indicator"><h2>{{t.ow.form.newIndicator}}</h2>
    <form method="post" action="/one-window/indicators/definitions" class="filters"><input type="hidden" name="_csrf" value="{{csrf}}">
      <label>{{t.ow.form.code}} <input name="code" value="{{form.code}}" required pattern="[a-z][a-z0-9_]*"></label>
      <label>{{t.ow.form.name}} <input name="name" value="{{form.name}}" required></label>
      <label>{{t.ow.form.unitOfMeasure}} <input name="unitOfMeasure" value="{{form.unitOfMeasure}}" size="4"></label>
      <label>{{t.ow.form.period}} <select name="period">{{#periods}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/periods}}</select></label>
      <label>{{t.ow.form.better}} <select name="better"><option value="higher">{{t.ow.better.higher}}</option><option value="lower"{{#lower}} selected{{/lower}}>{{t.ow.better.lower}}</option></select></label>
      <label><input type="checkbox" name="percent"{{#percentChecked}} checked{{/percentChecked}}> {{t.ow.form.percent}}</label>
      <label>{{t.ow.form.decimals}} <input name="decimals" value="{{form.decimals}}" size="2" inputmode="numeric"></label>
      <label>{{t.ow.form.formula}} <input name="formula" value="{{form.formula}}" placeholder="{{t.ow.form.formulaHint}}"></label>
      <button class="primary">{{t.ow.form.save}}</button>
    </form></section>{{/mayManage}}
    """

    static let oneWindowTargets = """
    <h1>{{t.ow.title.targets}}</h1>
    \(oneWindowTabs)
    \(formFailure)
    <section class="card"><table id="targets"><thead><tr><th>{{t.ow.form.code}}</th><th>{{t.ow.col.target}}</th><th>{{t.ow.col.scope}}</th><th>{{t.ow.col.deadline}}</th><th class="num">{{t.ow.form.goal}}</th><th class="num">{{t.ow.col.progress}}</th><th></th></tr></thead>
    <tbody>{{#items}}<tr><td class="mono">{{code}}</td><td>{{label}}</td><td>{{scope}}</td><td>{{deadline}}</td><td class="num">{{goal}}</td><td class="num">{{rate}}</td><td>{{#met}}<span class="badge">{{t.ow.met}}</span>{{/met}}{{^met}}<span class="badge">{{t.ow.notMet}}</span>{{/met}}{{#overdue}} <span class="badge overdue">{{t.ow.overdueMark}}</span>{{/overdue}}</td></tr>{{/items}}</tbody></table>
    {{#empty}}<p class="empty">{{t.ow.none}}</p>{{/empty}}</section>
    {{#mayManage}}<section class="card" id="set-target"><h2>{{t.ow.form.newTarget}}</h2>
    <form method="post" action="/one-window/targets" class="filters"><input type="hidden" name="_csrf" value="{{csrf}}">
      <label>{{t.ow.form.code}} <input name="code" value="{{form.code}}" required pattern="[a-z][a-z0-9_]*"></label>
      <label>{{t.ow.form.kind}} <select name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></label>
      <label>{{t.ow.form.goal}} <input name="percent" value="{{form.percent}}" size="3" inputmode="numeric" required></label>
      <label>{{t.ow.form.deadline}} <input name="deadline" type="date" value="{{form.deadline}}" required></label>
      <label>{{t.ow.form.districts}} <input name="districts" value="{{form.districts}}"></label>
      <button class="primary">{{t.ow.form.save}}</button>
    </form></section>{{/mayManage}}
    """

    static let oneWindowTasks = """
    <h1>{{t.ow.title.tasks}} <span class="muted">{{month}} · {{summary}}</span></h1>
    \(oneWindowTabs)
    \(formFailure)
    <form class="filters card" method="get" action="/one-window/tasks"><label>{{t.ow.form.month}} <input name="month" type="month" value="{{month}}"></label> <button class="primary">{{t.ow.filter}}</button></form>
    <section class="card"><table id="tasks"><thead><tr><th>{{t.ow.col.task}}</th><th>{{t.ow.col.unit}}</th><th>{{t.ow.col.owner}}</th><th>{{t.ow.col.deadline}}</th><th>{{t.ow.col.filed}}</th><th></th></tr></thead>
    <tbody>{{#items}}<tr><td{{#sub}} style="padding-left:1.5rem"{{/sub}}>{{title}}</td><td>{{unit}}</td><td>{{owner}}</td><td>{{due}}{{#overdue}} <span class="badge overdue">{{t.ow.overdueMark}}</span>{{/overdue}}{{#done}} <span class="badge">{{t.ow.form.done}} {{done}}</span>{{/done}}</td><td>{{#filed}}{{progress}}{{/filed}}{{^filed}}—{{/filed}}</td>
    <td>{{#mayFile}}<form method="post" action="/one-window/tasks/{{id}}/filings" class="filters"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="month" value="{{month}}">
      <input name="progress" placeholder="{{t.ow.form.progress}}" required> <label><input type="checkbox" name="done"> {{t.ow.form.done}}</label> <button>{{t.ow.form.file}}</button></form>{{/mayFile}}</td></tr>{{/items}}</tbody></table>
    {{#empty}}<p class="empty">{{t.ow.none}}</p>{{/empty}}</section>
    {{#mayManage}}<section class="card" id="new-task"><h2>{{t.ow.form.newTask}}</h2>
    <form method="post" action="/one-window/tasks" class="filters"><input type="hidden" name="_csrf" value="{{csrf}}">
      <label>{{t.ow.form.title}} <input name="title" value="{{form.title}}" required></label>
      <label>{{t.ow.form.parent}} <select name="parentID"><option value="">{{t.ow.form.topLevel}}</option>{{#parents}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{title}}</option>{{/parents}}</select></label>
      <label>{{t.ow.form.unit}} <select name="organizationID"><option value="">—</option>{{#orgOptions}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/orgOptions}}</select></label>
      <label>{{t.ow.form.owner}} <input name="owner" value="{{form.owner}}" required></label>
      <label>{{t.ow.form.deadline}} <input name="dueOn" type="date" value="{{form.dueOn}}" required></label>
      <button class="primary">{{t.ow.form.create}}</button>
    </form></section>{{/mayManage}}
    """
}
