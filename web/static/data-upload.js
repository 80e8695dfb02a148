// The upload on /werkruimte/metingen/:id/gegevens: check the chosen file (preview, nothing
// written), then import it with progress. Everything shown is set as text, never as HTML.
(function () {
  'use strict';
  var section = document.getElementById('import');
  if (!section) return;
  var en = section.dataset.lang === 'en';
  var words = en
    ? {
        rows: 'responses',
        complete: 'complete',
        partial: 'partial',
        teams: 'Teams',
        noTeam: '(no team yet)',
        warnings: 'Warnings (imported as missing)',
        problems: 'Problems — nothing can be imported until they are fixed',
        ready: 'Ready to import.',
        busy: 'Importing…',
        done: 'Imported',
        failed: 'Failed',
        choose: 'Choose a CSV file first.',
      }
    : {
        rows: 'responses',
        complete: 'volledig',
        partial: 'gedeeltelijk',
        teams: 'Teams',
        noTeam: '(nog geen team)',
        warnings: 'Waarschuwingen (ingelezen als ontbrekend)',
        problems: 'Fouten — er kan niets worden ingelezen tot ze verbeterd zijn',
        ready: 'Klaar om te importeren.',
        busy: 'Bezig met importeren…',
        done: 'Ingelezen',
        failed: 'Mislukt',
        choose: 'Kies eerst een CSV-bestand.',
      };
  var input = document.getElementById('upload-file');
  var check = document.getElementById('upload-check');
  var doImport = document.getElementById('upload-import');
  var progress = document.getElementById('upload-progress');
  var result = document.getElementById('upload-result');

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function list(title, lines, cls) {
    if (!lines || lines.length === 0) return;
    var h = el('h3', title);
    var ul = el('ul');
    if (cls) ul.className = cls;
    lines.forEach(function (line) {
      ul.appendChild(el('li', line));
    });
    result.appendChild(h);
    result.appendChild(ul);
  }
  function send(url) {
    var file = input.files && input.files[0];
    if (!file) {
      result.textContent = words.choose;
      return null;
    }
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': section.dataset.csrf },
      body: file,
      credentials: 'same-origin',
    });
  }

  input.addEventListener('change', function () {
    doImport.disabled = true;
    result.textContent = '';
  });

  check.addEventListener('click', function () {
    var request = send(section.dataset.preview);
    if (!request) return;
    doImport.disabled = true;
    result.textContent = '…';
    request
      .then(function (res) {
        return res.json();
      })
      .then(function (p) {
        result.textContent = '';
        if (p.summary === undefined) {
          result.appendChild(el('p', p.message || words.failed));
          return;
        }
        var s = p.summary;
        result.appendChild(
          el(
            'p',
            s.rows +
              ' ' +
              words.rows +
              ' (' +
              s.complete +
              ' ' +
              words.complete +
              ', ' +
              s.partial +
              ' ' +
              words.partial +
              ') · ' +
              s.encoding +
              ' · "' +
              s.delimiter +
              '"',
          ),
        );
        list(
          words.teams,
          s.teams.map(function (t) {
            return (
              (t.team === null ? words.noTeam : t.team) +
              ': ' +
              t.complete +
              ' ' +
              words.complete +
              ', ' +
              t.partial +
              ' ' +
              words.partial
            );
          }),
        );
        list(words.warnings, p.warningLines, 'warnings');
        list(words.problems, p.errorLines, 'errors');
        if (p.errorLines.length === 0) {
          result.appendChild(el('p', words.ready));
          doImport.disabled = false;
        }
      })
      .catch(function () {
        result.textContent = words.failed;
      });
  });

  doImport.addEventListener('click', function () {
    var request = send(section.dataset.import);
    if (!request) return;
    doImport.disabled = true;
    check.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    result.textContent = words.busy;
    request
      .then(function (res) {
        var reader = res.body.getReader();
        var decoder = new TextDecoder();
        var buffered = '';
        function handle(line) {
          if (!line) return;
          var msg = JSON.parse(line);
          if (msg.progress) {
            progress.max = msg.progress.total;
            progress.value = msg.progress.written;
          } else if (msg.done) {
            result.textContent = '';
            result.appendChild(
              el(
                'p',
                words.done +
                  ': ' +
                  msg.done.imported +
                  ' ' +
                  words.rows +
                  ' (' +
                  msg.done.complete +
                  ' ' +
                  words.complete +
                  ', ' +
                  msg.done.partial +
                  ' ' +
                  words.partial +
                  ').',
              ),
            );
            progress.value = progress.max;
          } else if (msg.rejected) {
            result.textContent = '';
            result.appendChild(el('p', msg.rejected.message));
            list(words.problems, msg.rejected.errorLines, 'errors');
          } else if (msg.failed || msg.message) {
            result.textContent = (msg.failed || msg).message;
          }
        }
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              handle(buffered);
              check.disabled = false;
              return;
            }
            buffered += decoder.decode(chunk.value, { stream: true });
            var lines = buffered.split('\n');
            buffered = lines.pop();
            lines.forEach(handle);
            return pump();
          });
        }
        return pump();
      })
      .catch(function () {
        result.textContent = words.failed;
        check.disabled = false;
      });
  });
})();
