// The app's own texts, in Dutch and English. Rule texts (questions, help, advice, labels) come
// from the ruleset through `questions(lang)` and the assessment.

import type { Lang } from "../../pkg/sociale_bril_wasm.js";

const nl = {
  appName: "Sociale bril",
  tagline: "Kijk met een sociale bril naar een beleidsvoorstel",
  skipLink: "Direct naar de inhoud",
  switchLanguage: "English",
  switchLanguageLabel: "Switch to English",
  loading: "Bezig met laden…",
  footer:
    "Alles wat u invult blijft in deze browser; er gaat niets naar een server. Sla een kopie op met ‘Exporteer voorstel’.",
  rulesetVersion: (id: string, version: string) => `Regelset ${id} ${version}`,

  // Start screen
  startTitle: "Uw beoordelingen",
  startIntro:
    "Beantwoord de vragen van de sociale bril over een beleidsvoorstel en zie direct per thema waar het voorstel staat en wat het sterker maakt.",
  newAssessment: "Nieuwe beoordeling",
  importProposal: "Voorstel importeren (JSON)",
  noAssessments: "Er zijn nog geen beoordelingen opgeslagen in deze browser.",
  savedTableCaption: "Opgeslagen beoordelingen",
  colTitle: "Titel",
  colUpdated: "Laatst gewijzigd",
  colScore: "Totaalscore",
  colActions: "Acties",
  open: "Openen",
  duplicate: "Dupliceren",
  rename: "Naam wijzigen",
  remove: "Verwijderen",
  confirmRemove: (title: string) => `Weet u zeker dat u ‘${title}’ wilt verwijderen?`,
  confirmRemoveYes: "Ja, verwijderen",
  cancel: "Annuleren",
  save: "Opslaan",
  newTitleLabel: (title: string) => `Nieuwe titel voor ‘${title}’`,
  untitled: "Voorstel zonder titel",
  copyOf: (title: string) => `${title} (kopie)`,
  removed: (title: string) => `‘${title}’ is verwijderd.`,
  duplicated: (title: string) => `‘${title}’ is gedupliceerd.`,
  renamed: (title: string) => `De titel is gewijzigd in ‘${title}’.`,
  setAsideTitle: "Apart gezette gegevens",
  setAsideIntro:
    "Deze opgeslagen gegevens konden niet worden gelezen. Ze zijn apart gezet, niet weggegooid: download ze om ze te bewaren of te laten herstellen.",
  setAsideFound: (n: number) =>
    n === 1
      ? "Eén opgeslagen beoordeling was beschadigd en is apart gezet. U vindt hem onder ‘Apart gezette gegevens’."
      : `${n} opgeslagen beoordelingen waren beschadigd en zijn apart gezet. U vindt ze onder ‘Apart gezette gegevens’.`,
  download: "Downloaden",
  setAsideItem: (title: string | null, when: string | null) =>
    `${title === null ? "Beoordeling zonder leesbare titel" : `Beoordeling ‘${title}’`}${when === null ? "" : `, apart gezet op ${when}`}`,
  undo: "Ongedaan maken",
  restored: (title: string) => `‘${title}’ is teruggezet.`,
  browserTitle: "Gegevens in deze browser",
  browserIntro:
    "De sociale bril bewaart uw beoordelingen alleen in deze browser. Werkt u op een gedeelde computer? Verwijder dan alles als u klaar bent.",
  removeAll: "Alles van de sociale bril uit deze browser verwijderen",
  removeAllWhat: (assessments: number, setAside: number) =>
    `Dit verwijdert ${assessments === 1 ? "1 beoordeling" : `${assessments} beoordelingen`}${
      setAside > 0 ? ` en ${setAside === 1 ? "1 apart gezet gegeven" : `${setAside} apart gezette gegevens`}` : ""
    } en uw taalkeuze uit deze browser. Dat kan niet ongedaan worden gemaakt.`,
  removeAllExportFirst: "Wilt u eerst een kopie bewaren? Exporteer dan de beoordelingen die u wilt houden:",
  exportOne: (title: string) => `Exporteer ‘${title}’`,
  confirmRemoveAll: "Ja, alles verwijderen",
  removedAll: "Alles wat de sociale bril in deze browser bewaarde, is verwijderd.",

  // Checklist
  backToList: "Alle beoordelingen",
  notFound: "Deze beoordeling bestaat niet (meer).",
  toolbarLabel: "Exporteren en afdrukken",
  exportProposal: "Exporteer voorstel (JSON)",
  importAsNew: "Importeren als nieuwe beoordeling (JSON)",
  exported: (file: string) => `Het voorstel is geëxporteerd als ‘${file}’. U vindt het bestand bij uw downloads.`,
  reportExported: (file: string) => `Het rapport is geëxporteerd als ‘${file}’. U vindt het bestand bij uw downloads.`,
  contentsTitle: "Inhoud",
  contextProgress: (set: number, total: number) => `${set} van ${total} ingevuld`,
  themeProgressShort: (answered: number, applicable: number) => `${answered} van ${applicable} beantwoord`,
  nextUnanswered: "Volgende open vraag",
  allAnswered: "Alle vragen die bij dit voorstel passen, zijn beantwoord.",
  criticalExplained:
    "Vragen met het label ‘Kernvraag’ wegen extra zwaar. Een onvoldoende antwoord op een kernvraag begrenst de beoordeling van het hele thema, ook als de score van het thema hoger is.",
  clearField: "Wissen",
  setAsideValuesTitle: "Apart gezet",
  setAsideValuesIntro:
    "Deze gegevens passen niet bij deze versie van de sociale bril en tellen niet mee. Ze blijven bewaard in deze beoordeling: neem ze over in het formulier, of gooi ze weg.",
  noteOf: (note: string) => `Toelichting: ${note}`,
  discard: "Weggooien",
  numberGrouping:
    "Dit getal is op twee manieren te lezen. Schrijf het zonder scheidingstekens, bijvoorbeeld 2500000, of met punten tussen de duizendtallen en een komma voor de decimalen, bijvoorbeeld 2.500.000,50.",
  exportMarkdown: "Exporteer rapport (Markdown)",
  exportHtml: "Exporteer rapport (HTML)",
  print: "Afdrukken",
  contextTitle: "Over het voorstel",
  contextIntro:
    "Deze gegevens bepalen welke vragen bij het voorstel passen. Vragen die niet passen, verdwijnen; antwoorden die u al gaf, blijven bewaard.",
  titleLabel: "Titel van het voorstel",
  choose: "Kies…",
  boolYes: "Ja",
  boolNo: "Nee",
  boolUnknown: "Weet ik niet",
  numberInvalid: "Vul een getal in, bijvoorbeeld 2.500.000 of 2500000,50.",
  numberRange: (min: number | undefined, max: number | undefined) =>
    min !== undefined && max !== undefined
      ? `Vul een getal in van ${min} tot en met ${max}.`
      : min !== undefined
        ? `Vul een getal in van ${min} of meer.`
        : `Vul een getal in van ${max} of minder.`,
  questionNumber: (n: number) => `Vraag ${n}`,
  helpSummary: "Toelichting bij deze vraag",
  noteLabel: "Toelichting (optioneel)",
  noteHint: "Een toelichting wordt meegenomen in de export zodra de vraag een antwoord heeft.",
  clearAnswer: "Antwoord wissen",
  critical: "Kernvraag",
  adviceLabel: "Advies",
  hiddenQuestions: (n: number) =>
    n === 1
      ? "1 vraag past niet bij dit voorstel en is verborgen. Een antwoord dat u al gaf, blijft bewaard."
      : `${n} vragen passen niet bij dit voorstel en zijn verborgen. Antwoorden die u al gaf, blijven bewaard.`,
  themeProgress: (answered: number, applicable: number) =>
    `${answered} van ${applicable} vragen beantwoord`,

  // Results
  resultsTitle: "Resultaat",
  overall: "Totaal",
  score: "Score",
  rating: "Beoordeling",
  completeness: "Ingevuld",
  theme: "Thema",
  chartTitle: "Score per thema",
  tableCaption: "Score, beoordeling en ingevuld per thema",
  chartLabel: (parts: string) => `Staafdiagram van de score per thema: ${parts}`,
  noScore: "geen score",
  percent: (p: number | null) => (p === null ? "–" : `${formatNumber(p, "nl")}%`),
  signalsTitle: "Signalen",
  noSignals: "Geen signalen.",
  severity: { critical: "Kritisch", warning: "Waarschuwing", info: "Info" } as Record<string, string>,
  improvementsTitle: "Wat het voorstel het meest verbetert",
  moreImprovements: (n: number) => `Nog ${n} verbeterpunten`,
  noImprovements: "Nog geen verbeterpunten: beantwoord vragen om te zien wat het meeste oplevert.",
  improvementLine: (from: string, to: string, points: string, theme: string) =>
    `Van ‘${from}’ naar ‘${to}’: +${points} ${points === "1" ? "procentpunt" : "procentpunten"} voor ${theme}.`,
  bandsTitle: "Wat de beoordelingen betekenen",
  bandRange: (min: number, next: number | null) =>
    next === null ? `${min}% of meer` : min === 0 ? `minder dan ${next}%` : `${min}% tot ${next}%`,
  incompleteExplained:
    "Er zijn te weinig vragen van het thema beantwoord om het te beoordelen. ‘Weet ik niet’ telt niet als beantwoord.",
  gapsUnanswered: (n: number) => (n === 1 ? "1 vraag nog niet beantwoord" : `${n} vragen nog niet beantwoord`),
  gapsUnknown: (n: number) => `${n} met ‘Weet ik niet’`,
  gapsTitle: "Nog open of onbekend",
  scoreUpdated: (overall: string, completeness: string) =>
    `Totaalscore ${overall}, ${completeness} ingevuld.`,
  criticalFailure: "Kernvraag onvoldoende",

  // Storage and files
  saved: "Opgeslagen in deze browser.",
  quotaFull:
    "De opslag van de browser is vol: uw laatste wijzigingen zijn niet opgeslagen. Ze staan nog op deze pagina. Exporteer het voorstel om ze te bewaren, of verwijder oude beoordelingen.",
  storageUnavailable:
    "Deze browser staat opslaan niet toe. Uw antwoorden gaan verloren als u de pagina sluit; exporteer het voorstel om ze te bewaren.",
  savedAgain: "De opslag werkt weer: alles is opgeslagen.",
  importFailed: (file: string) => `‘${file}’ kon niet worden geïmporteerd. Uw huidige werk is niet veranderd.`,
  importNotJson: (line?: number, column?: number) =>
    line !== undefined
      ? `Het bestand is geen geldige JSON (regel ${line}, kolom ${column ?? "?"}).`
      : "Het bestand is geen geldige JSON.",
  importForeign:
    "Het bestand is geen voorstel voor de sociale bril. Een voorstel heeft de velden title, context en answers (zie Exporteer voorstel).",
  importTooBig: (mb: number) => `Het bestand is te groot (meer dan ${mb} MB).`,
  imported: (title: string) => `‘${title}’ is geïmporteerd als nieuwe beoordeling.`,
  importedAside: (n: number) =>
    n === 1
      ? "Eén onderdeel paste niet en is apart gezet; u ziet het bovenaan de beoordeling."
      : `${n} onderdelen pasten niet en zijn apart gezet; u ziet ze bovenaan de beoordeling.`,
  importNearlyValid: (file: string) => `‘${file}’ is bijna helemaal te lezen, maar dit past niet:`,
  importValidOffer:
    "U kunt de rest importeren als nieuwe beoordeling. Wat niet past, wordt in die beoordeling apart gezet: het telt niet mee, maar blijft bewaard.",
  importValid: "Importeer wat past",
  dontImport: "Niet importeren",
  importCancelled: "Er is niets geïmporteerd.",
  importDuplicate: (title: string, when: string) =>
    `Er is al een beoordeling ‘${title}’ in deze browser (laatst gewijzigd ${when}). Het bestand heeft dezelfde titel; misschien is het een eerdere export ervan. Wat wilt u doen?`,
  importReplace: "Vervang de bestaande beoordeling",
  importKeepBoth: "Bewaar allebei",
  replaced: (title: string) => `‘${title}’ is vervangen door de inhoud van het bestand.`,
  numbered: (title: string, n: number) => `${title} (${n})`,
  problemUnknownField: (key: string) => `‘${key}’: dit gegeven kent deze versie van de sociale bril niet.`,
  problemType: (label: string, value: string, expected: string) => `${label}: ‘${value}’ is geen ${expected}.`,
  expected: { number: "getal", boolean: "ja of nee", choice: "keuze uit de lijst", choices: "lijst van keuzes", text: "tekst" } as Record<
    string,
    string
  >,
  problemOption: (label: string, value: string) => `${label}: ‘${value}’ is geen van de keuzes bij dit veld.`,
  problemRange: (label: string, value: string, range: string) => `${label}: ${value} kan niet. ${range}`,
  problemUnknownItem: (key: string, value: string) =>
    `Het antwoord ‘${value}’ hoort bij een vraag die deze versie van de sociale bril niet (meer) heeft (${key}).`,
  problemToken: (question: string, value: string) => `${question}: ‘${value}’ is geen antwoord dat bij deze vraag past.`,
  problemTwice: (label: string) => `${label}: staat twee keer in het bestand.`,
  problemOther: (label: string) => `${label}: deze waarde is niet te lezen.`,
  problemTitle: "De titel is geen tekst.",
  problemShape: "Het bestand heeft niet de vorm van een voorstel (title, context en answers).",
  problemTooMany: "Er is nog meer dat niet past.",
  printSummaryTitle: "Samenvatting",
  printCriticalTitle: "Kernvragen met een onvoldoende antwoord",
  printTopTitle: "Wat het meest oplevert",
  printNone: "Geen.",
  printAnswered: (answered: number, applicable: number, unknown: number) =>
    `${answered} van ${applicable} vragen beantwoord, ${unknown} met ‘Weet ik niet’.`,
  printDate: (date: string) => `Afgedrukt op ${date}`,
  rulesetHash: (hash: string) => `Regelset-hash: ${hash}`,
  setAsideAnswers: (n: number) =>
    `${n} antwoord(en) of gegeven(s) passen niet bij de huidige regelset en tellen niet mee. Ze blijven bewaard in deze beoordeling.`,
  notesNotExported: (n: number) =>
    n === 1
      ? "Het voorstel is geëxporteerd, maar zonder één notitie: die hoort bij een vraag zonder antwoord, en een voorstel kan alleen notities bij een antwoord bevatten. Kies bijvoorbeeld ‘Weet ik niet’ om de notitie mee te nemen. In deze browser blijft de notitie bewaard."
      : `Het voorstel is geëxporteerd, maar zonder ${n} notities: die horen bij vragen zonder antwoord, en een voorstel kan alleen notities bij een antwoord bevatten. Kies bijvoorbeeld ‘Weet ik niet’ om ze mee te nemen. In deze browser blijven de notities bewaard.`,
  changedElsewhere: "Deze beoordeling is in een ander tabblad gewijzigd. U ziet hier nu de nieuwste versie.",
  changedElsewhereNotShown:
    "Deze beoordeling is in een ander tabblad gewijzigd. Omdat uw laatste wijzigingen hier nog niet opgeslagen konden worden, blijft dit tabblad ze tonen: exporteer het voorstel om ze te bewaren.",
  errorTitle: "Er ging iets mis",
  startFailed: "De sociale bril kon niet starten in deze browser.",
};

export type Strings = typeof nl;

const en: Strings = {
  appName: "Social lens",
  tagline: "Look at a policy proposal through a social lens",
  skipLink: "Skip to content",
  switchLanguage: "Nederlands",
  switchLanguageLabel: "Schakel naar Nederlands",
  loading: "Loading…",
  footer:
    "Everything you enter stays in this browser; nothing is sent to a server. Keep a copy with ‘Export proposal’.",
  rulesetVersion: (id, version) => `Ruleset ${id} ${version}`,

  startTitle: "Your assessments",
  startIntro:
    "Answer the social lens questions about a policy proposal and see at once, per theme, where the proposal stands and what would make it stronger.",
  newAssessment: "New assessment",
  importProposal: "Import proposal (JSON)",
  noAssessments: "No assessments are saved in this browser yet.",
  savedTableCaption: "Saved assessments",
  colTitle: "Title",
  colUpdated: "Last changed",
  colScore: "Overall score",
  colActions: "Actions",
  open: "Open",
  duplicate: "Duplicate",
  rename: "Rename",
  remove: "Delete",
  confirmRemove: (title) => `Are you sure you want to delete ‘${title}’?`,
  confirmRemoveYes: "Yes, delete",
  cancel: "Cancel",
  save: "Save",
  newTitleLabel: (title) => `New title for ‘${title}’`,
  untitled: "Untitled proposal",
  copyOf: (title) => `${title} (copy)`,
  removed: (title) => `‘${title}’ has been deleted.`,
  duplicated: (title) => `‘${title}’ has been duplicated.`,
  renamed: (title) => `The title is now ‘${title}’.`,
  setAsideTitle: "Data set aside",
  setAsideIntro:
    "This saved data could not be read. It has been set aside, not thrown away: download it to keep it or have it repaired.",
  setAsideFound: (n) =>
    n === 1
      ? "One saved assessment was damaged and has been set aside. You find it under ‘Data set aside’."
      : `${n} saved assessments were damaged and have been set aside. You find them under ‘Data set aside’.`,
  download: "Download",
  setAsideItem: (title, when) =>
    `${title === null ? "Assessment without a readable title" : `Assessment ‘${title}’`}${when === null ? "" : `, set aside on ${when}`}`,
  undo: "Undo",
  restored: (title) => `‘${title}’ is back.`,
  browserTitle: "Data in this browser",
  browserIntro:
    "The social lens keeps your assessments only in this browser. Working on a shared computer? Then remove everything when you are done.",
  removeAll: "Remove everything the social lens keeps in this browser",
  removeAllWhat: (assessments, setAside) =>
    `This removes ${assessments === 1 ? "1 assessment" : `${assessments} assessments`}${
      setAside > 0 ? ` and ${setAside === 1 ? "1 item of data set aside" : `${setAside} items of data set aside`}` : ""
    } and your language choice from this browser. This cannot be undone.`,
  removeAllExportFirst: "Want to keep a copy first? Then export the assessments you want to keep:",
  exportOne: (title) => `Export ‘${title}’`,
  confirmRemoveAll: "Yes, remove everything",
  removedAll: "Everything the social lens kept in this browser has been removed.",

  backToList: "All assessments",
  notFound: "This assessment does not exist (any more).",
  toolbarLabel: "Export and print",
  exportProposal: "Export proposal (JSON)",
  importAsNew: "Import as a new assessment (JSON)",
  exported: (file) => `The proposal has been exported as ‘${file}’. You find the file with your downloads.`,
  reportExported: (file) => `The report has been exported as ‘${file}’. You find the file with your downloads.`,
  contentsTitle: "Contents",
  contextProgress: (set, total) => `${set} of ${total} filled in`,
  themeProgressShort: (answered, applicable) => `${answered} of ${applicable} answered`,
  nextUnanswered: "Next open question",
  allAnswered: "Every question that fits this proposal has been answered.",
  criticalExplained:
    "Questions labelled ‘Key question’ weigh extra. A failing answer to a key question caps the rating of the whole theme, even when the theme's score is higher.",
  clearField: "Clear",
  setAsideValuesTitle: "Set aside",
  setAsideValuesIntro:
    "This data does not fit this version of the social lens and does not count. It is kept in this assessment: copy it into the form, or discard it.",
  noteOf: (note) => `Note: ${note}`,
  discard: "Discard",
  numberGrouping:
    "This number can be read in two ways. Write it without separators, for example 2500000, or with commas between thousands and a point before the decimals, for example 2,500,000.50.",
  exportMarkdown: "Export report (Markdown)",
  exportHtml: "Export report (HTML)",
  print: "Print",
  contextTitle: "About the proposal",
  contextIntro:
    "These facts decide which questions fit the proposal. Questions that do not fit disappear; answers you already gave are kept.",
  titleLabel: "Title of the proposal",
  choose: "Choose…",
  boolYes: "Yes",
  boolNo: "No",
  boolUnknown: "Don't know",
  numberInvalid: "Enter a number, for example 2,500,000 or 2500000.50.",
  numberRange: (min, max) =>
    min !== undefined && max !== undefined
      ? `Enter a number from ${min} to ${max}.`
      : min !== undefined
        ? `Enter a number of ${min} or more.`
        : `Enter a number of ${max} or less.`,
  questionNumber: (n) => `Question ${n}`,
  helpSummary: "About this question",
  noteLabel: "Note (optional)",
  noteHint: "A note is included in the export once the question has an answer.",
  clearAnswer: "Clear answer",
  critical: "Key question",
  adviceLabel: "Advice",
  hiddenQuestions: (n) =>
    n === 1
      ? "1 question does not fit this proposal and is hidden. An answer you already gave is kept."
      : `${n} questions do not fit this proposal and are hidden. Answers you already gave are kept.`,
  themeProgress: (answered, applicable) => `${answered} of ${applicable} questions answered`,

  resultsTitle: "Result",
  overall: "Overall",
  score: "Score",
  rating: "Rating",
  completeness: "Completed",
  theme: "Theme",
  chartTitle: "Score per theme",
  tableCaption: "Score, rating and completion per theme",
  chartLabel: (parts) => `Bar chart of the score per theme: ${parts}`,
  noScore: "no score",
  percent: (p) => (p === null ? "–" : `${formatNumber(p, "en")}%`),
  signalsTitle: "Signals",
  noSignals: "No signals.",
  severity: { critical: "Critical", warning: "Warning", info: "Info" },
  improvementsTitle: "What would improve the proposal most",
  moreImprovements: (n) => `${n} more improvements`,
  noImprovements: "No improvements yet: answer questions to see what gains the most.",
  improvementLine: (from, to, points, theme) =>
    `From ‘${from}’ to ‘${to}’: +${points} ${points === "1" ? "percentage point" : "percentage points"} for ${theme}.`,
  bandsTitle: "What the ratings mean",
  bandRange: (min, next) => (next === null ? `${min}% or more` : min === 0 ? `less than ${next}%` : `${min}% to ${next}%`),
  incompleteExplained:
    "Too few of the theme's questions have been answered to rate it. ‘Don't know’ does not count as answered.",
  gapsUnanswered: (n) => (n === 1 ? "1 question not answered yet" : `${n} questions not answered yet`),
  gapsUnknown: (n) => `${n} answered ‘Don't know’`,
  gapsTitle: "Still open or unknown",
  scoreUpdated: (overall, completeness) => `Overall score ${overall}, ${completeness} completed.`,
  criticalFailure: "Key question failing",

  saved: "Saved in this browser.",
  quotaFull:
    "The browser's storage is full: your latest changes have not been saved. They are still on this page. Export the proposal to keep them, or delete old assessments.",
  storageUnavailable:
    "This browser does not allow saving. Your answers are lost when you close the page; export the proposal to keep them.",
  savedAgain: "Storage works again: everything has been saved.",
  importFailed: (file) => `‘${file}’ could not be imported. Your current work has not changed.`,
  importNotJson: (line, column) =>
    line !== undefined
      ? `The file is not valid JSON (line ${line}, column ${column ?? "?"}).`
      : "The file is not valid JSON.",
  importForeign:
    "The file is not a social lens proposal. A proposal has the fields title, context and answers (see Export proposal).",
  importTooBig: (mb) => `The file is too large (more than ${mb} MB).`,
  imported: (title) => `‘${title}’ has been imported as a new assessment.`,
  importedAside: (n) =>
    n === 1
      ? "One part did not fit and has been set aside; you see it at the top of the assessment."
      : `${n} parts did not fit and have been set aside; you see them at the top of the assessment.`,
  importNearlyValid: (file) => `‘${file}’ can almost all be read, but this does not fit:`,
  importValidOffer:
    "You can import the rest as a new assessment. What does not fit is set aside in that assessment: it does not count, but it is kept.",
  importValid: "Import what fits",
  dontImport: "Do not import",
  importCancelled: "Nothing has been imported.",
  importDuplicate: (title, when) =>
    `There already is an assessment ‘${title}’ in this browser (last changed ${when}). The file has the same title; it may be an earlier export of it. What do you want to do?`,
  importReplace: "Replace the existing assessment",
  importKeepBoth: "Keep both",
  replaced: (title) => `‘${title}’ has been replaced by the contents of the file.`,
  numbered: (title, n) => `${title} (${n})`,
  problemUnknownField: (key) => `‘${key}’: this version of the social lens does not know this fact.`,
  problemType: (label, value, expected) => `${label}: ‘${value}’ is not ${expected}.`,
  expected: { number: "a number", boolean: "yes or no", choice: "a choice from the list", choices: "a list of choices", text: "text" },
  problemOption: (label, value) => `${label}: ‘${value}’ is not one of the choices for this field.`,
  problemRange: (label, value, range) => `${label}: ${value} is not possible. ${range}`,
  problemUnknownItem: (key, value) =>
    `The answer ‘${value}’ belongs to a question this version of the social lens does not have (any more) (${key}).`,
  problemToken: (question, value) => `${question}: ‘${value}’ is not an answer that fits this question.`,
  problemTwice: (label) => `${label}: is in the file twice.`,
  problemOther: (label) => `${label}: this value cannot be read.`,
  problemTitle: "The title is not text.",
  problemShape: "The file does not have the shape of a proposal (title, context and answers).",
  problemTooMany: "There is more that does not fit.",
  printSummaryTitle: "Summary",
  printCriticalTitle: "Key questions with a failing answer",
  printTopTitle: "What gains the most",
  printNone: "None.",
  printAnswered: (answered, applicable, unknown) =>
    `${answered} of ${applicable} questions answered, ${unknown} answered ‘Don't know’.`,
  printDate: (date) => `Printed on ${date}`,
  rulesetHash: (hash) => `Ruleset hash: ${hash}`,
  setAsideAnswers: (n) =>
    `${n} answer(s) or fact(s) do not fit the current ruleset and do not count. They are kept in this assessment.`,
  notesNotExported: (n) =>
    n === 1
      ? "The proposal has been exported without one note: it belongs to a question without an answer, and a proposal can only hold notes with an answer. Choose ‘Don't know’, for example, to take the note along. The note stays saved in this browser."
      : `The proposal has been exported without ${n} notes: they belong to questions without an answer, and a proposal can only hold notes with an answer. Choose ‘Don't know’, for example, to take them along. The notes stay saved in this browser.`,
  changedElsewhere: "This assessment was changed in another tab. You now see the latest version here.",
  changedElsewhereNotShown:
    "This assessment was changed in another tab. Because your latest changes here could not be saved yet, this tab keeps showing them: export the proposal to keep them.",
  errorTitle: "Something went wrong",
  startFailed: "The social lens could not start in this browser.",
};

const STRINGS: Record<Lang, Strings> = { nl, en };

/** The app's texts in a language. */
export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

/** A number with at most one decimal, in the language's notation (75,5 or 75.5). */
export function formatNumber(n: number, lang: Lang, decimals = 1): string {
  return new Intl.NumberFormat(lang === "nl" ? "nl-NL" : "en-GB", {
    maximumFractionDigits: decimals,
    minimumFractionDigits: 0,
  }).format(n);
}

/** A date and time in the language's notation. */
export function formatDate(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(date);
}
