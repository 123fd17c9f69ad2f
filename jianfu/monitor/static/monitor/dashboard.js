// 减负监测看板 charts (data from the json_script block; no inline scripts under the CSP).
(function () {
  "use strict";
  var node = document.getElementById("monitor-chart-data");
  if (!node || typeof echarts === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var narrow = window.matchMedia && window.matchMedia("(max-width: 600px)").matches;
  var charts = [];
  function bar(id, title, names, values, horizontal) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var chart = echarts.init(el);
    var category = { type: "category", data: names, axisLabel: { interval: 0, rotate: horizontal ? 0 : (narrow ? 45 : 30), fontSize: narrow ? 10 : 12 } };
    var value = { type: "value", minInterval: 1 };
    if (horizontal && narrow) {
      // mend33 #4: at 390 px the rule names took most of the width and the count axis' six labels ran together
      // ("020406080100"): a name is cut at 120 px (the tooltip and the table below give it whole), the count axis
      // has three steps, and a label that would still touch its neighbour is left out
      category.axisLabel.width = 120;
      category.axisLabel.overflow = "truncate";
      value.splitNumber = 3;
      value.axisLabel = { hideOverlap: true, fontSize: 10 };
    }
    chart.setOption({
      title: { text: title, textStyle: { fontSize: 14 } }, tooltip: { trigger: "axis" },
      grid: { left: 10, right: 10, bottom: 10, top: 40, containLabel: true },
      xAxis: horizontal ? value : category, yAxis: horizontal ? Object.assign(category, { inverse: true }) : value,
      series: [{ type: "bar", data: values }]
    });
    charts.push(chart);
  }
  bar("chart-month", gettext("问题按月份"), data.months, data.by_month, false);
  bar("chart-rule", gettext("问题按规则"), data.rules, data.rule_counts, true);
  bar("chart-issuer", gettext("问题按责任单位"), data.issuers, data.issuer_counts, true);
  bar("chart-causes", gettext("基层负担来源（小时）"), data.causes, data.cause_hours, true);
  var trend = document.getElementById("chart-trend");
  if (trend) {
    var line = echarts.init(trend);
    line.setOption({
      title: { text: gettext("基层负担指数趋势（村均，小时/月）"), textStyle: { fontSize: 14 } }, tooltip: { trigger: "axis" },
      grid: { left: 10, right: 10, bottom: 10, top: 40, containLabel: true },
      xAxis: { type: "category", data: data.months }, yAxis: { type: "value" },
      series: [{ type: "line", data: data.trend, smooth: false }]
    });
    charts.push(line);
  }
  var cmp = document.getElementById("chart-compare");
  if (cmp) {
    var chart = echarts.init(cmp);
    chart.setOption({
      title: { text: gettext("与上年比较"), textStyle: { fontSize: 14 } }, tooltip: { trigger: "axis" },
      legend: { data: [String(data.year - 1), String(data.year)], top: 0, right: 0 },
      grid: { left: 10, right: 10, bottom: 10, top: 40, containLabel: true },
      xAxis: { type: "category", data: data.compare.labels, axisLabel: { interval: 0, rotate: narrow ? 45 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: String(data.year - 1), type: "bar", data: data.compare.last },
               { name: String(data.year), type: "bar", data: data.compare.this }]
    });
    charts.push(chart);
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
