// 三率 dashboard charts (data from the json_script block; no inline scripts under the CSP).
(function () {
  "use strict";
  var node = document.getElementById("dispatch-chart-data");
  if (!node || typeof echarts === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  function pct(list) { return list.map(function (v) { return v === null ? null : Math.round(v * 1000) / 10; }); }
  var rates = document.getElementById("chart-rates");
  if (rates) {
    echarts.init(rates).setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["响应率", "解决率", "满意率"] },
      grid: { left: 40, right: 10, bottom: 80 },
      xAxis: { type: "category", data: data.names, axisLabel: { rotate: 30 } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: "响应率", type: "bar", data: pct(data.response) },
        { name: "解决率", type: "bar", data: pct(data.resolution) },
        { name: "满意率", type: "bar", data: pct(data.satisfaction) }
      ]
    });
  }
  var status = document.getElementById("chart-status");
  if (status) {
    echarts.init(status).setOption({
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["40%", "70%"], data: data.status }]
    });
  }
})();
