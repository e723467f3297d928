extension Templates {
    /// Sharing pages.
    static let sharingPages: [String: String] = [
        "sharing": sharing, "sharingRequest": sharingRequest, "sharingNew": sharingNew, "services": services,
    ]

    static let requestTable = """
    <table class="requests"><thead><tr><th>#</th><th>{{t.col.name}}</th><th>{{t.sharing.consumer}}</th><th>{{t.col.provider}}</th><th>{{t.sharing.mode}}</th><th>{{t.sharing.state}}</th><th>{{t.sharing.due}}</th><th>{{t.col.time}}</th></tr></thead>
    <tbody>{{#items}}<tr><td><a href="/sharing/requests/{{id}}">#{{id}}</a></td><td><a href="/sharing/requests/{{id}}">{{resourceName}}</a> <span class="mono muted">{{resourceCode}}</span></td><td>{{organizationName}}</td><td>{{providerName}}</td><td>{{modeLabel}}</td><td>{{stateLabel}}</td><td>{{due}}{{#overdue}} <span class="badge overdue">{{t.sharing.overdue}}</span>{{/overdue}}</td><td>{{createdAt}}</td></tr>{{/items}}</tbody></table>
    {{#empty}}<p class="empty">{{t.sharing.none}}</p>{{/empty}}
    """

    static let grantTable = """
    <table class="grants"><thead><tr><th>#</th><th>{{t.col.name}}</th><th>{{t.sharing.consumer}}</th><th>{{t.sharing.system}}</th><th>{{t.col.provider}}</th><th>{{t.sharing.mode}}</th><th>{{t.sharing.fields}}</th><th>{{t.sharing.until}}</th><th>{{t.col.status}}</th><th>{{t.sharing.lastCalled}}</th></tr></thead>
    <tbody>{{#items}}<tr><td><a href="/sharing/requests/{{requestID}}">#{{id}}</a></td><td>{{resourceName}}</td><td>{{organizationName}}</td><td>{{systemName}}</td><td>{{providerName}}</td><td>{{modeLabel}}</td><td class="mono">{{fields}}</td><td>{{validUntil}}</td><td>{{statusLabel}}</td><td>{{lastCalled}}</td></tr>{{/items}}</tbody></table>
    {{#empty}}<p class="empty">{{t.sharing.none}}</p>{{/empty}}
    """

    static let sharing = """
    <h1>{{t.sharing.title}}</h1>
    {{#todo}}<section class="card" id="todo"><h2>{{t.sharing.todo}}</h2>\(requestTable)</section>{{/todo}}
    {{#mine}}<section class="card" id="mine"><h2>{{t.sharing.mine}}</h2>\(requestTable)</section>{{/mine}}
    {{#received}}<section class="card" id="received"><h2>{{t.sharing.received}}</h2>\(requestTable)</section>{{/received}}
    {{#all}}<section class="card" id="all"><h2>{{t.sharing.all}} ({{total}})</h2>\(requestTable)</section>{{/all}}
    {{#grants}}<section class="card" id="grants"><h2>{{t.sharing.grants}}</h2>\(grantTable)</section>{{/grants}}
    {{#unused}}<section class="card" id="unused"><h2>{{t.sharing.unused}}</h2><p class="muted">{{t.sharing.unusedRule}}</p>\(grantTable)</section>{{/unused}}
    """

    static let sharingRequest = """
    <p class="crumbs"><a href="/sharing">{{t.sharing.title}}</a> › #{{id}}</p>
    <h1>{{t.sharing.request}} #{{id}} · {{resourceName}} <span class="badge">{{stateLabel}}</span>{{#overdue}} <span class="badge overdue">{{t.sharing.overdue}}</span>{{/overdue}}</h1>
    {{#hasErrors}}<section class="card error"><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul></section>{{/hasErrors}}
    <section class="card">
      <dl class="meta">
        <dt>{{t.col.code}}</dt><dd class="mono"><a href="/catalog/{{resourceCode}}">{{resourceCode}}</a></dd>
        <dt>{{t.col.provider}}</dt><dd>{{providerName}}</dd>
        <dt>{{t.sharing.consumer}}</dt><dd>{{organizationName}} · {{requesterName}}</dd>
        <dt>{{t.sharing.system}}</dt><dd>{{systemName}}</dd>
        <dt>{{t.sharing.mode}}</dt><dd>{{modeLabel}}</dd>
        <dt>{{t.sharing.purpose}}</dt><dd>{{purpose}}</dd>
        <dt>{{t.sharing.basis}}</dt><dd>{{legalBasis}}</dd>
        <dt>{{t.sharing.until}}</dt><dd>{{validUntil}}</dd>
        <dt>{{t.sharing.due}}</dt><dd>{{due}}</dd>
        {{#reason}}<dt>{{t.sharing.reason}}</dt><dd>{{reason}}</dd>{{/reason}}
      </dl>
      <h2>{{t.sharing.fields}}</h2>
      <table class="compact"><tbody>{{#fields}}<tr><td>{{name}}</td><td class="mono">{{code}}</td><td><span class="badge grade-{{sensitivity}}">{{sensitivity}}</span></td></tr>{{/fields}}</tbody></table>
    </section>
    {{#decide}}<section class="card" id="decide"><h2>{{stepLabel}}</h2>
      <form method="post" action="/sharing/requests/{{id}}/decision">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        {{#hasMasks}}<h3>{{t.sharing.masks}}</h3><table class="compact"><tbody>{{#masks}}<tr><td>{{name}}</td><td class="mono">{{code}}</td><td><select name="mask_{{code}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></td></tr>{{/masks}}</tbody></table>
        <label>{{t.sharing.rate}} <input name="rate" inputmode="numeric" placeholder="600"></label>{{/hasMasks}}
        <label>{{t.sharing.reason}} <textarea name="reason" rows="2"></textarea></label>
        <button class="primary" name="decision" value="approve" id="approve">{{t.sharing.approve}}</button>
        <button name="decision" value="refuse" id="refuse">{{t.sharing.refuse}}</button>
      </form></section>{{/decide}}
    {{#canWithdraw}}<section class="card"><form method="post" action="/sharing/requests/{{id}}/decision"><input type="hidden" name="_csrf" value="{{csrf}}"><button name="decision" value="withdraw">{{t.sharing.withdraw}}</button></form></section>{{/canWithdraw}}
    {{#grant}}<section class="card" id="grant"><h2>{{t.sharing.grants}} #{{id}} · {{statusLabel}}</h2>
      <table class="compact"><tbody>{{#masks}}<tr><td class="mono">{{code}}</td><td>{{mask}}</td></tr>{{/masks}}</tbody></table>
      <p>{{t.sharing.until}} {{validUntil}} · {{t.sharing.lastCalled}} {{lastCalled}}{{#revokeReason}} · {{revokeReason}}{{/revokeReason}}</p>
      {{#canRevoke}}<form method="post" action="/sharing/grants/{{id}}/revoke" class="filters"><input type="hidden" name="_csrf" value="{{csrf}}"><input name="reason" placeholder="{{t.sharing.reason}}" required><button>{{t.sharing.revoke}}</button></form>{{/canRevoke}}
    </section>{{/grant}}
    <section class="card"><h2>{{t.sharing.history}}</h2>
      <table><thead><tr><th>{{t.col.time}}</th><th>{{t.col.actor}}</th><th></th><th>{{t.sharing.state}}</th><th>{{t.sharing.reason}}</th></tr></thead>
      <tbody>{{#events}}<tr><td>{{at}}</td><td>{{actorName}}</td><td>{{action}}</td><td>{{state}}</td><td>{{reason}}</td></tr>{{/events}}</tbody></table>
    </section>
    """

    static let sharingNew = """
    <p class="crumbs"><a href="/catalog/{{code}}">{{name}}</a> › {{t.sharing.new}}</p>
    <h1>{{t.sharing.new}} · {{name}}</h1>
    {{#hasErrors}}<section class="card error"><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul></section>{{/hasErrors}}
    <section class="card"><p>{{sharingLabel}}{{#condition}} · {{condition}}{{/condition}}</p>
    {{#shareable}}<form method="post" action="/sharing/new" id="request-form">
      <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="resource" value="{{code}}">
      <label>{{t.sharing.system}} <select name="system">{{#systems}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/systems}}</select></label>
      <label>{{t.sharing.mode}} <select name="mode">{{#modes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/modes}}</select></label>
      <h3>{{t.sharing.fields}}</h3>
      <table class="compact"><tbody>{{#fields}}<tr><td><input type="checkbox" name="field_{{code}}" id="f-{{code}}"{{#checked}} checked{{/checked}}></td><td><label for="f-{{code}}">{{name}}</label></td><td class="mono">{{code}}</td><td><span class="badge grade-{{sensitivity}}">{{sensitivity}}</span></td><td>{{sharingLabel}}</td></tr>{{/fields}}</tbody></table>
      <label>{{t.sharing.purpose}} <textarea name="purpose" rows="2" required>{{purpose}}</textarea></label>
      <label>{{t.sharing.basis}} <input name="legalBasis" value="{{legalBasis}}"></label>
      <label>{{t.sharing.until}} <input name="validUntil" type="date" value="{{validUntil}}"></label>
      <button class="primary">{{t.sharing.submit}}</button>
    </form>{{/shareable}}</section>
    """

    static let services = """
    <h1>{{t.services.title}}</h1>
    <p class="muted">{{t.services.help}}</p>
    <section class="card"><table id="services"><thead><tr><th>{{t.col.code}}</th><th>{{t.col.name}}</th><th>{{t.col.provider}}</th><th>{{t.col.resources}}</th><th>{{t.sharing.fields}}</th><th>{{t.services.parameters}}</th><th class="num">{{t.sharing.rate}}</th><th>{{t.col.status}}</th><th></th></tr></thead>
    <tbody>{{#items}}<tr><td class="mono">{{code}}</td><td>{{name}}</td><td>{{providerName}}</td><td class="mono"><a href="/catalog/{{resourceCode}}">{{resourceCode}}</a></td><td class="mono">{{fields}}</td><td class="mono">{{parameters}}</td><td class="num">{{rate}}</td><td>{{stateLabel}}</td>
    <td><a href="/api/v1/services/{{code}}/openapi.json">{{t.services.doc}}</a>{{#canPublish}}<form method="post" action="/services/{{code}}/publish"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="link">{{t.services.publish}}</button></form>{{/canPublish}}{{#canRetire}}<form method="post" action="/services/{{code}}/retire"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="link">{{t.services.retire}}</button></form>{{/canRetire}}</td></tr>{{/items}}</tbody></table>
    {{#empty}}<p class="empty">{{t.sharing.none}}</p>{{/empty}}</section>
    """
}
