extension Templates {
    /// Open data in the console: the provider's review of restricted applications,
    /// publication of its resources, showcase review and usage.
    static let openDataPages: [String: String] = ["openData": openData]

    static let openData = """
    <h1>{{t.nav.open}}</h1>
    <p><a href="/open">{{t.open.console.portal}}</a></p>
    <section class="card" id="applications"><h2>{{t.open.console.applications}}</h2>
    <table><thead><tr><th>#</th><th>{{t.open.console.dataset}}</th><th>{{t.open.console.developer}}</th><th>{{t.open.console.purpose}}</th><th>{{t.open.console.state}}</th><th></th></tr></thead>
    <tbody>{{#applications}}<tr><td>{{id}}</td><td><a href="/open/datasets/{{datasetName}}">{{datasetTitle}}</a></td><td>{{developerName}}</td><td>{{purpose}}</td><td>{{stateLabel}}{{#reason}} · {{reason}}{{/reason}}</td>
    <td>{{#pending}}<form method="post" action="/open-data/applications/{{id}}"><input type="hidden" name="_csrf" value="{{csrf}}">
    <input name="reason" placeholder="{{t.open.console.reason}}"> <button name="decision" value="approve">{{t.open.console.approve}}</button> <button name="decision" value="refuse">{{t.open.console.refuse}}</button></form>{{/pending}}</td></tr>{{/applications}}</tbody></table>
    {{^applications}}<p class="empty">{{t.open.console.noApplications}}</p>{{/applications}}</section>
    <section class="card" id="publish"><h2>{{t.open.console.publish}}</h2>
    <table><thead><tr><th>{{t.col.code}}</th><th>{{t.col.name}}</th><th>{{t.open.facet.grade}}</th><th>{{t.open.dataset.version}}</th><th></th></tr></thead>
    <tbody>{{#resources}}<tr><td class="mono">{{code}}</td><td>{{name}}</td><td>{{accessLabel}}</td><td>{{version}}</td>
    <td><form method="post" action="/open-data/publish"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="code" value="{{code}}"><button>{{t.open.console.publishNow}}</button></form></td></tr>{{/resources}}</tbody></table></section>
    {{#admin}}<section class="card" id="apps"><h2>{{t.open.apps}}</h2>
    <table><tbody>{{#apps}}<tr><td>{{name}}</td><td>{{developerName}}</td><td><a href="{{url}}" rel="nofollow noopener">{{url}}</a></td><td>{{stateLabel}}</td>
    <td>{{#pending}}<form method="post" action="/open-data/apps/{{id}}"><input type="hidden" name="_csrf" value="{{csrf}}"><input name="reason" placeholder="{{t.open.console.reason}}"> <button name="decision" value="approve">{{t.open.console.approve}}</button> <button name="decision" value="refuse">{{t.open.console.refuse}}</button></form>{{/pending}}</td></tr>{{/apps}}</tbody></table></section>{{/admin}}
    <section class="card" id="usage"><h2>{{t.open.console.usage}}</h2>
    <table><thead><tr><th>{{t.open.console.day}}</th><th>{{t.col.provider}}</th><th>{{t.open.console.views}}</th><th>{{t.open.console.downloads}}</th><th>{{t.open.console.calls}}</th></tr></thead>
    <tbody>{{#usage}}<tr><td>{{day}}</td><td>{{unit}}</td><td>{{views}}</td><td>{{downloads}}</td><td>{{calls}}</td></tr>{{/usage}}</tbody></table></section>
    """
}
