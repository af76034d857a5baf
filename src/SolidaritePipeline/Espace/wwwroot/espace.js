"use strict";
(function () {
  var T = {
    fr: {
      brand: "Alliances pour la solidarité — reddition de comptes FQIS", title: "Espace mandataire", loading: "Chargement…",
      signedOutTitle: "Connexion requise", signedOutText: "Connectez-vous avec le compte Microsoft de votre organisation.", signIn: "Se connecter",
      noAccessTitle: "Accès pas encore accordé",
      noAccessText: "Votre compte n'est associé à aucun mandataire. Transmettez l'identifiant ci-dessous au ministère, qui vous donnera accès.",
      yourId: "Votre identifiant :", templateTitle: "1. Le modèle", templateXlsx: "Télécharger le modèle Excel (XLSX)",
      templateCsv: "Télécharger le modèle CSV", sendTitle: "2. Envoyer votre fichier", dropText: "Déposez votre fichier ici, ou",
      choose: "Choisir un fichier", reportTitle: "3. Rapport de validation", historyTitle: "Historique de l'exercice", exercice: "Exercice",
      colSent: "Envoyé le", colStatus: "Verdict", colExercice: "Exercice", colReport: "Rapport", historyEmpty: "Aucun envoi pour le moment.",
      who: "Connecté : {name} — mandataire {code} (région {region})",
      limits: "Formats acceptés : CSV, XLSX, JSON. Taille maximale : {size} Mo.",
      badType: "Ce fichier n'est pas un CSV, un XLSX ou un JSON.", tooBig: "Ce fichier dépasse {size} Mo.",
      sending: "Envoi de {file}…", waiting: "Fichier reçu. Validation en cours…", failedSend: "L'envoi a échoué. Réessayez.",
      pending: "En attente", accepted: "Accepté", rejected: "Refusé", failed: "Échec du traitement", current: "courant", open: "Voir",
      verdictAccepted: "Accepté : ce fichier est maintenant votre reddition courante.",
      verdictRejected: "Refusé : corrigez les erreurs ci-dessous, puis renvoyez le fichier complet.",
      verdictFailed: "Le traitement a échoué pour une raison technique ; le ministère est avisé.",
      errors: "Erreurs", warnings: "Avertissements", row: "Ligne", column: "Colonne", found: "Valeur trouvée", write: "À écrire",
      fileLevel: "fichier", empty: "(vide)", projects: "Projets", fqis: "Montant FQIS", other: "Autres sources", people: "Personnes rejointes",
      lang: "English", langCode: "en"
    },
    en: {
      brand: "Alliances pour la solidarité — FQIS reporting", title: "Mandataire space", loading: "Loading…",
      signedOutTitle: "Sign-in required", signedOutText: "Sign in with your organisation's Microsoft account.", signIn: "Sign in",
      noAccessTitle: "Access not granted yet",
      noAccessText: "Your account acts for no mandataire yet. Send the id below to the ministry, which will grant you access.",
      yourId: "Your id:", templateTitle: "1. The template", templateXlsx: "Download the Excel template (XLSX)",
      templateCsv: "Download the CSV template", sendTitle: "2. Send your file", dropText: "Drop your file here, or",
      choose: "Choose a file", reportTitle: "3. Validation report", historyTitle: "History of the fiscal year", exercice: "Fiscal year",
      colSent: "Sent", colStatus: "Verdict", colExercice: "Fiscal year", colReport: "Report", historyEmpty: "Nothing sent yet.",
      who: "Signed in: {name} — mandataire {code} (region {region})",
      limits: "Accepted formats: CSV, XLSX, JSON. Largest file: {size} MB.",
      badType: "This file is not a CSV, XLSX or JSON file.", tooBig: "This file is larger than {size} MB.",
      sending: "Sending {file}…", waiting: "File received. Validating…", failedSend: "Sending failed. Try again.",
      pending: "Pending", accepted: "Accepted", rejected: "Rejected", failed: "Processing failed", current: "current", open: "Open",
      verdictAccepted: "Accepted: this file is now your current report.",
      verdictRejected: "Rejected: correct the errors below, then send the whole file again.",
      verdictFailed: "Processing failed for a technical reason; the ministry is notified.",
      errors: "Errors", warnings: "Warnings", row: "Row", column: "Column", found: "Value found", write: "What to write",
      fileLevel: "file", empty: "(empty)", projects: "Projects", fqis: "FQIS amount", other: "Other sources", people: "People reached",
      lang: "Français", langCode: "fr"
    }
  };
  var lang = (localStorage.getItem("espace-lang") === "en") ? "en" : "fr";
  var me = null, lastReport = null, history = [];
  var $ = function (id) { return document.getElementById(id); };
  function t(key, values) {
    var text = T[lang][key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", values[k]); });
    return text;
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function show(id) { ["loading", "signed-out", "no-access", "space"].forEach(function (s) { $(s).hidden = s !== id; }); }
  function mb() { return me ? Math.floor(me.maxBytes / (1024 * 1024)) : 50; }
  function money(v) { return Number(v).toLocaleString(lang === "fr" ? "fr-CA" : "en-CA", { style: "currency", currency: "CAD" }); }
  function when(v) { return new Date(v).toLocaleString(lang === "fr" ? "fr-CA" : "en-CA"); }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (n) { n.textContent = t(n.getAttribute("data-i18n")); });
    $("lang").textContent = t("lang");
    $("lang").setAttribute("lang", t("langCode"));
    if (me && me.mandataire) {
      $("who").textContent = t("who", { name: me.name || me.principalId, code: me.mandataire.code, region: me.mandataire.regionName });
      $("limits").textContent = t("limits", { size: mb() });
    }
    renderHistory();
    if (lastReport) renderReport(lastReport.data, lastReport.item);
  }

  async function api(path, options) {
    return fetch(path, Object.assign({ credentials: "same-origin", headers: { "Accept": "application/json" } }, options || {}));
  }

  async function start() {
    var response = await api("/api/me");
    if (response.status === 401) { show("signed-out"); return; }
    var body = await response.json();
    if (response.status === 403) { $("principal-id").textContent = body.principalId || ""; show("no-access"); return; }
    me = body;
    show("space");
    applyLanguage();
    await loadHistory();
  }

  async function loadHistory() {
    var exercice = $("exercice").value.trim();
    var response = await api("/api/submissions" + (exercice ? "?exercice=" + encodeURIComponent(exercice) : ""));
    if (!response.ok) return history;
    history = await response.json();
    renderHistory();
    return history;
  }

  function renderHistory() {
    var body = $("history").tBodies[0];
    body.textContent = "";
    $("history-empty").hidden = history.length > 0;
    history.forEach(function (s) {
      var verdict = el("span", { "class": "verdict " + s.status, text: t(s.status) });
      var cells = [verdict];
      if (s.current) cells.push(" (" + t("current") + ")");
      var link = s.reportUrl ? el("a", { href: s.reportUrl, "data-id": s.id, text: t("open") }) : el("span", { text: "—" });
      if (s.reportUrl) link.addEventListener("click", function (e) { e.preventDefault(); showReport(s); });
      body.appendChild(el("tr", s.current ? { "class": "current" } : {}, [
        el("td", { text: when(s.uploadedAt) }), el("td", {}, cells), el("td", { text: s.exercice || "—" }), el("td", {}, [link])
      ]));
    });
  }

  async function showReport(item) {
    var response = await api(item.reportUrl);
    if (!response.ok) return;
    var data = await response.json();
    lastReport = { data: data, item: item };
    renderReport(data, item);
    $("report").hidden = false;
  }

  function issueBlock(issue, columns, warning) {
    var column = issue.field ? ((columns[issue.field] && columns[issue.field].label) || issue.field) : t("fileLevel");
    var expected = issue.field && columns[issue.field] ? columns[issue.field][lang === "fr" ? "expectedFr" : "expectedEn"] : "";
    return el("div", { "class": "issue" + (warning ? " warning" : "") }, [
      el("p", { text: issue.message[lang] }),
      el("dl", {}, [
        el("dt", { text: t("row") }), el("dd", { text: issue.row == null ? "—" : String(issue.row) }),
        el("dt", { text: t("column") }), el("dd", { text: column }),
        el("dt", { text: t("found") }), el("dd", { text: issue.value == null || issue.value === "" ? t("empty") : issue.value }),
        el("dt", { text: t("write") }), el("dd", { text: expected || issue.message[lang] })
      ])
    ]);
  }

  function renderReport(data, item) {
    var report = data.report, box = $("report-body");
    box.textContent = "";
    var status = item.status;
    box.appendChild(el("p", { "class": "verdict " + status, text: t(status) }));
    box.appendChild(el("p", { text: t(status === "accepted" ? "verdictAccepted" : status === "rejected" ? "verdictRejected" : "verdictFailed") }));
    if (report.errors.length) {
      box.appendChild(el("h3", { text: t("errors") + " (" + report.errorCount + ")" }));
      report.errors.forEach(function (i) { box.appendChild(issueBlock(i, data.columns, false)); });
    }
    if (item.totals) {
      box.appendChild(el("dl", { "class": "totals" }, [
        el("dt", { text: t("projects") }), el("dd", { text: String(item.totals.projects) }),
        el("dt", { text: t("fqis") }), el("dd", { text: money(item.totals.fqisAmount) }),
        el("dt", { text: t("other") }), el("dd", { text: money(item.totals.otherAmount) }),
        el("dt", { text: t("people") }), el("dd", { text: String(item.totals.peopleReached) })
      ]));
    }
    if (report.warnings.length) {
      box.appendChild(el("h3", { text: t("warnings") + " (" + report.warningCount + ")" }));
      report.warnings.forEach(function (i) { box.appendChild(issueBlock(i, data.columns, true)); });
    }
  }

  async function send(file) {
    var ext = (file.name.match(/\.[^.]+$/) || [""])[0].toLowerCase();
    if ([".csv", ".xlsx", ".json"].indexOf(ext) < 0) { $("status").textContent = t("badType"); return; }
    if (file.size > me.maxBytes) { $("status").textContent = t("tooBig", { size: mb() }); return; }
    $("status").textContent = t("sending", { file: file.name });
    try {
      var grant = await api("/api/uploads", { method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" }, body: JSON.stringify({ fileName: file.name }) });
      if (!grant.ok) throw new Error("grant");
      var target = await grant.json();
      var put = await fetch(target.uploadUrl, { method: "PUT", headers: { "x-ms-blob-type": "BlockBlob" }, body: file });
      if (!put.ok) throw new Error("put");
      $("status").textContent = t("waiting");
      await poll("uploads/" + target.blobName);
    } catch (e) {
      $("status").textContent = t("failedSend");
    }
  }

  async function poll(source) {
    for (var attempt = 0; attempt < 150; attempt++) {
      var list = await loadHistory();
      var item = list.filter(function (s) { return s.source === source; })[0];
      if (item && item.status !== "pending") {
        $("status").textContent = t(item.status);
        if (item.reportUrl) await showReport(item);
        return;
      }
      await new Promise(function (resolve) { setTimeout(resolve, 1000); });
    }
  }

  $("lang").addEventListener("click", function () {
    lang = lang === "fr" ? "en" : "fr";
    localStorage.setItem("espace-lang", lang);
    applyLanguage();
  });
  $("file").addEventListener("change", function (e) { if (e.target.files[0]) send(e.target.files[0]); e.target.value = ""; });
  $("exercice").addEventListener("change", loadHistory);
  var drop = $("drop");
  ["dragenter", "dragover"].forEach(function (n) { drop.addEventListener(n, function (e) { e.preventDefault(); drop.classList.add("over"); }); });
  ["dragleave", "drop"].forEach(function (n) { drop.addEventListener(n, function (e) { e.preventDefault(); drop.classList.remove("over"); }); });
  drop.addEventListener("drop", function (e) { if (e.dataTransfer.files[0]) send(e.dataTransfer.files[0]); });
  applyLanguage();
  start();
})();
