// Draws the dashboards' charts with ECharts (served by the application, /vendor/echarts). Each chart is a
// <div class="chart" data-kind="..." data-chart="{json}">: the server puts the figures, already in the reader's
// language, into the attribute; the content security policy allows no inline script to do it.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  var font = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

  function months(d) {
    var percent = d.percentSeries;
    return {
      textStyle: { fontFamily: font },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: d.labels },
      yAxis: [{ type: 'value', name: '' }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
      series: d.series.map(function (s, i) {
        return {
          name: s.name, type: s.type, data: s.data, yAxisIndex: i === percent ? 1 : 0,
          itemStyle: { color: s.colour }, lineStyle: { color: s.colour }, smooth: s.type === 'line'
        };
      })
    };
  }

  function pie(d) {
    var colours = ['#8d6e63', '#c62828', '#6a1b9a', '#1565c0', '#2e7d32'];
    var counts = {};
    d.data.forEach(function (x) { counts[x.name] = x.value; });
    if (d.empty) {
      // nothing to divide: ECharts would draw five equal slices of nothing
      return { textStyle: { fontFamily: font }, title: { text: d.empty, left: 'center', top: 'middle',
        textStyle: { color: '#888', fontSize: 14, fontWeight: 'normal' } } };
    }
    return {
      textStyle: { fontFamily: font },
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      // the legend below the ring, wrapping as it needs: English names are three times as long as Chinese ones and
      // a legend beside the ring ran over it
      legend: { orient: 'horizontal', left: 'center', bottom: 0, itemGap: 12,
        formatter: function (name) { return name + ' ' + counts[name]; } },
      series: [{
        type: 'pie', radius: ['30%', '56%'], center: ['50%', '40%'],
        data: d.data.map(function (x, i) { return { name: x.name, value: x.value, itemStyle: { color: colours[i] } }; }),
        label: { show: false }
      }]
    };
  }

  function bars(d) {
    return {
      textStyle: { fontFamily: font },
      tooltip: { trigger: 'axis', formatter: '{b}: {c}%' },
      grid: { left: 90, right: 40, top: 10, bottom: 24 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: d.labels, inverse: true },
      series: [{
        name: d.name, type: 'bar', data: d.values.map(function (v, i) { return { value: v, itemStyle: { color: d.colours[i] } }; }),
        label: { show: true, position: 'right', formatter: '{c}%' },
        markLine: {
          symbol: 'none', silent: true, label: { formatter: '{c}%' },
          data: [{ xAxis: d.red, lineStyle: { color: '#c62828', type: 'dashed' } },
                 { xAxis: d.yellow, lineStyle: { color: '#f9a825', type: 'dashed' } }]
        }
      }]
    };
  }

  var builders = { months: months, pie: pie, bars: bars };
  var charts = [];
  document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
    var build = builders[el.getAttribute('data-kind')];
    if (!build) {
      return;
    }
    if (el.getAttribute('data-kind') === 'bars') {
      var rows = JSON.parse(el.getAttribute('data-chart')).labels.length;
      el.classList.add(rows > 8 ? 'tall' : 'short');
    }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(build(JSON.parse(el.getAttribute('data-chart'))));
    charts.push(chart);
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
  window.addEventListener('beforeprint', function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
