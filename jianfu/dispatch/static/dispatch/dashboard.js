// 三率 dashboard charts (data from the json_script block; no inline scripts under the CSP).
(function () {
  "use strict";
  var node = document.getElementById("dispatch-chart-data");
  if (!node || typeof echarts === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var narrow = window.matchMedia && window.matchMedia("(max-width: 600px)").matches;
  var charts = [];
  function pct(list) { return list.map(function (v) { return v === null ? null : Math.round(v * 1000) / 10; }); }
  var rates = document.getElementById("chart-rates");
  if (rates) {
    var chart = echarts.init(rates);
    var response = gettext("响应率"), resolution = gettext("解决率"), satisfaction = gettext("满意率");
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { data: [response, resolution, satisfaction] },
      // containLabel keeps long rotated department names inside the chart on phones.
      grid: { left: 10, right: 10, bottom: 10, top: 40, containLabel: true },
      xAxis: { type: "category", data: data.names,
               axisLabel: { rotate: narrow ? 45 : 30, interval: 0, fontSize: narrow ? 10 : 12 } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: response, type: "bar", data: pct(data.response) },
        { name: resolution, type: "bar", data: pct(data.resolution) },
        { name: satisfaction, type: "bar", data: pct(data.satisfaction) }
      ]
    });
    charts.push(chart);
  }
  var status = document.getElementById("chart-status");
  if (status) {
    var pie = echarts.init(status);
    // On a phone the outside labels do not fit: show a legend and put the counts inside the ring.
    pie.setOption({
      tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
      legend: narrow ? { bottom: 0, type: "scroll" } : undefined,
      series: [{ type: "pie", radius: narrow ? ["30%", "60%"] : ["40%", "70%"], center: ["50%", narrow ? "45%" : "50%"],
                 label: narrow ? { position: "inside", formatter: "{c}" } : { formatter: "{b}：{c}" },
                 data: data.status }]
    });
    charts.push(pie);
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
