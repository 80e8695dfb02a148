/*
 * Starts the charts of a results page: every <canvas data-chart="id"> gets the chart.js
 * configuration from the JSON island <script type="application/json" id="id">, drawn
 * with the same plugins as on the server (chart-plugins.js). And the ZIP download with
 * progress: the archive is streamed, so the bytes received grow while it is being made.
 */
(function () {
  'use strict';
  var plugins = window.WijkmeterChartPlugins;
  if (window.Chart && plugins) {
    window.Chart.register(plugins.background, plugins.patterns, plugins.valueLabels);
    window.Chart.defaults.font.family = 'Inter, system-ui, sans-serif';
  }

  function loadFont() {
    if (!window.FontFace || !document.fonts) return Promise.resolve();
    var faces = [
      new FontFace('Inter', 'url(/werkruimte/grafieken/inter-400.woff2)', { weight: '400' }),
      new FontFace('Inter', 'url(/werkruimte/grafieken/inter-700.woff2)', { weight: '700' }),
    ];
    return Promise.all(
      faces.map(function (f) {
        return f.load().then(function () {
          document.fonts.add(f);
        });
      }),
    ).catch(function () {});
  }

  function startCharts() {
    if (!window.Chart) return;
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var island = document.getElementById(canvas.getAttribute('data-chart'));
      if (!island) return;
      var config = JSON.parse(island.textContent);
      config.options = config.options || {};
      config.options.responsive = true;
      config.options.maintainAspectRatio = true;
      config.options.aspectRatio = canvas.width / canvas.height;
      canvas.parentElement.style.maxWidth = canvas.width + 'px';
      new window.Chart(canvas, config);
    });
  }

  function zipDownloads() {
    document.querySelectorAll('.zip-download[data-zip-url]').forEach(function (box) {
      var link = box.querySelector('a');
      var status = box.querySelector('.zip-progress');
      if (!link || !status || !window.fetch || !window.ReadableStream) return;
      link.addEventListener('click', function (event) {
        event.preventDefault();
        status.hidden = false;
        var text = status.querySelector('span');
        var en = document.documentElement.lang === 'en';
        text.textContent = en ? 'Making the charts…' : 'Grafieken worden gemaakt…';
        fetch(box.getAttribute('data-zip-url'), { credentials: 'same-origin' })
          .then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            var reader = response.body.getReader();
            var parts = [];
            var received = 0;
            function pump() {
              return reader.read().then(function (step) {
                if (step.done) return;
                parts.push(step.value);
                received += step.value.length;
                text.textContent =
                  (received / 1048576).toFixed(1).replace('.', en ? '.' : ',') + (en ? ' MB received…' : ' MB ontvangen…');
                return pump();
              });
            }
            return pump().then(function () {
              var url = URL.createObjectURL(new Blob(parts, { type: 'application/zip' }));
              var a = document.createElement('a');
              a.href = url;
              a.download = 'grafieken.zip';
              document.body.appendChild(a);
              a.click();
              a.remove();
              setTimeout(function () {
                URL.revokeObjectURL(url);
              }, 10000);
              status.querySelector('progress').value = 1;
              status.querySelector('progress').max = 1;
              text.textContent = en ? 'Done.' : 'Klaar.';
            });
          })
          .catch(function () {
            text.textContent = en
              ? 'The download failed; try the link again.'
              : 'Het downloaden is mislukt; probeer de link opnieuw.';
          });
      });
    });
  }

  function start() {
    loadFont().then(startCharts);
    zipDownloads();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
