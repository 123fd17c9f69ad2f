// 就业帮扶 dashboard charts (data from the json_script block; no inline scripts under the CSP).
(function () {
  "use strict";
  var node = document.getElementById("employment-chart-data");
  if (!node || typeof echarts === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var narrow = window.matchMedia && window.matchMedia("(max-width: 600px)").matches;
  var charts = [];
  var trendNode = document.getElementById("chart-trend");
  if (trendNode) {
    var t = data.trend;
    var trend = echarts.init(trendNode);
    var identified = gettext("新纳入"), placed = gettext("新就业"), visits = gettext("走访"), referrals = gettext("推荐");
    trend.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: [identified, placed, visits, referrals] },
      grid: { left: 10, right: 10, bottom: 10, top: 40, containLabel: true },
      xAxis: { type: "category", data: t.months, axisLabel: { rotate: narrow ? 45 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: identified, type: "line", data: t.identified },
        { name: placed, type: "line", data: t.placed },
        { name: visits, type: "bar", data: t.visits },
        { name: referrals, type: "bar", data: t.referrals }
      ]
    });
    charts.push(trend);
  }
  var groupsNode = document.getElementById("chart-groups");
  if (groupsNode) {
    var pie = echarts.init(groupsNode);
    pie.setOption({
      tooltip: { trigger: "item", formatter: "{b}：{c}" },
      legend: narrow ? { bottom: 0, type: "scroll" } : undefined,
      series: [{ type: "pie", radius: narrow ? ["30%", "60%"] : ["40%", "70%"],
                 label: narrow ? { position: "inside", formatter: "{c}" } : { formatter: "{b}：{c}" },
                 data: data.groups.filter(function (g) { return g.value > 0; }) }]
    });
    charts.push(pie);
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
