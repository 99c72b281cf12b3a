// The SPARQL page: canned competency queries, and results as a table (no external libraries).
(function () {
  const form = document.getElementById("sparql-form");
  const canned = document.getElementById("canned");
  const text = document.getElementById("query");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  canned.addEventListener("change", function () {
    const option = canned.options[canned.selectedIndex];
    if (option.dataset.query) { text.value = option.dataset.query; }
  });
  function cell(binding) {
    const td = document.createElement("td");
    if (!binding) { return td; }
    if (binding.type === "uri") {
      const a = document.createElement("a");
      a.href = binding.value; a.textContent = binding.value; td.appendChild(a);
    } else {
      td.textContent = binding.value;  // textContent: never parsed as HTML
      if (binding["xml:lang"]) { td.lang = binding["xml:lang"]; }
    }
    return td;
  }
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    status.textContent = "…";
    results.textContent = "";
    const body = new URLSearchParams({ query: text.value });
    let response;
    try {
      response = await fetch(form.action, { method: "POST", body: body,
        headers: { "Accept": "application/sparql-results+json" } });
    } catch (error) { status.textContent = String(error); return; }
    if (!response.ok) { status.textContent = await response.text(); return; }
    const data = await response.json();
    if ("boolean" in data) { status.textContent = String(data.boolean); return; }
    const vars = data.head.vars, rows = data.results.bindings;
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    vars.forEach(function (v) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    const tbody = table.createTBody();
    rows.forEach(function (b) { const tr = tbody.insertRow(); vars.forEach(function (v) { tr.appendChild(cell(b[v])); }); });
    results.appendChild(table);
    const cap = response.headers.get("X-UNKG-Result-Cap");
    status.textContent = rows.length + " row(s)" + (cap ? " — truncated at the result cap of " + cap : "");
  });
})();
