/**
 * Every text of the workspace (login, account, administration, the frame and its
 * components), Dutch first, English second. `en` is typed as `Messages`, so a missing
 * English text is a type error; tests/server/lib/i18n.test.ts and
 * tests/server/workspace/messages.test.ts check that no English text is empty or left in
 * Dutch by accident.
 *
 * Add a key to `nl`, then to `en`. Areas with many texts of their own (results, open
 * answers) may keep their own catalogue next to their pages, built the same way.
 */
import type { FastifyRequest } from 'fastify';
import type { TLanguage as Lang } from '../../../survey-definitions/schema.ts';
import { defineCatalogue } from '../../lib/i18n.ts';

export type { TLanguage as Lang } from '../../../survey-definitions/schema.ts';

const nl = {
  lang: 'nl' as Lang,
  appName: 'wijkmeter',
  workspace: 'werkruimte',
  skip: 'Naar de inhoud',
  nav: 'Hoofdmenu',
  navHome: 'Overzicht',
  navUsers: 'Gebruikers',
  navAudit: 'Auditlog',
  navAccount: 'Mijn account',
  logout: 'Uitloggen',
  switchLanguage: 'English',
  switchLanguageCode: 'en' as Lang,
  crumbs: 'Kruimelpad',
  roleAdmin: 'beheerder',
  roleResearcher: 'onderzoeker',
  roleManager: 'programmamanager',
  roleHintAdmin: 'accounts en al het andere',
  roleHintResearcher: 'zet programma’s en metingen op, ziet ruwe anonieme gegevens en open antwoorden',
  roleHintManager: 'ziet alleen resultaten van zijn programma’s, nooit gegevens per respondent',
  footer: 'wijkmeter — open-source meting voor sociale wijkteams',
  required: 'verplicht',
  optional: 'optioneel',
  cancel: 'Annuleren',
  save: 'Opslaan',
  previous: 'Vorige',
  next: 'Volgende',
  pageOf: (page: number, pages: number) => `Pagina ${page} van ${pages}`,
  pagination: 'Paginering',
  noRows: 'Nog niets om te tonen.',
  errorSummary: 'Er is iets niet goed ingevuld',
  yes: 'ja',
  no: 'nee',

  // Field errors (schemas use these keys as messages; components translate them).
  errRequired: 'Vul dit in.',
  errEmail: 'Vul een geldig e-mailadres in, zoals naam@gemeente.nl.',
  errTooLong: 'Dit is te lang.',
  errNameTooLong: 'Gebruik maximaal 120 tekens.',
  errLabelTooLong: 'Gebruik maximaal 80 tekens.',
  errPasswordShort: 'Kies een wachtwoord van minstens 12 tekens.',
  errPasswordLong: 'Gebruik maximaal 200 tekens.',
  errPasswordMismatch: 'De twee wachtwoorden zijn niet gelijk.',
  errPasswordWrong: 'Dit is niet uw huidige wachtwoord.',
  errRole: 'Kies een rol.',
  errProgramme: 'Kies alleen bestaande programma’s.',
  errDuplicateEmail: 'Er bestaat al een account met dit e-mailadres.',
  errDate: 'Vul een datum in als JJJJ-MM-DD.',
  errExpired: 'Het formulier was verlopen. Probeer het opnieuw.',

  // Login
  loginTitle: 'Inloggen',
  loginIntro: 'Log in op de werkruimte van wijkmeter met uw e-mailadres en wachtwoord.',
  email: 'E-mailadres',
  password: 'Wachtwoord',
  loginButton: 'Inloggen',
  loginFailed: 'Deze combinatie van e-mailadres en wachtwoord kennen we niet.',
  loginThrottled: (minutes: number) =>
    `Er is te vaak een verkeerd wachtwoord geprobeerd. Probeer het over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} opnieuw, of vraag een nieuw wachtwoord aan.`,
  loginForgot: 'Wachtwoord vergeten?',
  loginNoAccount: 'Nog geen account? Accounts worden aangemaakt door een beheerder van uw organisatie.',
  loggedOut: 'U bent uitgelogd.',
  sessionEnded: 'Uw sessie is verlopen. Log opnieuw in.',
  logoutTitle: 'Uitloggen',
  logoutText: 'Wilt u uitloggen uit de werkruimte?',

  // One-time links
  setPasswordTitle: 'Wachtwoord instellen',
  setPasswordIntro: (email: string) =>
    `Kies een wachtwoord voor ${email}. Daarna logt u in met uw e-mailadres en dit wachtwoord.`,
  newPassword: 'Nieuw wachtwoord',
  newPasswordHint: 'Minstens 12 tekens. Een zin van een paar woorden werkt goed.',
  repeatPassword: 'Herhaal het wachtwoord',
  setPasswordButton: 'Wachtwoord opslaan',
  passwordSet: 'Uw wachtwoord is opgeslagen. U kunt nu inloggen.',
  linkInvalidTitle: 'Deze link werkt niet meer',
  linkInvalidText:
    'De link is al gebruikt, verlopen (een link is 72 uur geldig) of niet volledig overgenomen. Vraag een nieuwe link aan via “Wachtwoord vergeten?” of bij de beheerder.',
  forgotTitle: 'Wachtwoord vergeten',
  forgotIntro: 'Vul uw e-mailadres in. Als er een account bij hoort, sturen we een link waarmee u een nieuw wachtwoord kiest.',
  forgotButton: 'Link aanvragen',
  forgotSent:
    'Als er een account bij dit e-mailadres hoort, is er nu een link onderweg. De link is 72 uur geldig en werkt één keer. Geen e-mail ontvangen? Kijk in uw spammap of vraag het de beheerder.',
  forgotNoMail: 'Deze installatie verstuurt geen e-mail. Vraag de beheerder om een link om uw wachtwoord opnieuw in te stellen.',
  mailInviteSubject: 'Uw account voor de werkruimte van wijkmeter',
  mailInviteText: (url: string, role: string) =>
    `Goedendag,\n\nEr is een account voor u aangemaakt in de werkruimte van wijkmeter, met de rol ${role}.\nKies via deze link een wachtwoord (72 uur geldig, één keer te gebruiken):\n\n${url}\n\nDaarna logt u in met uw e-mailadres.\n\nVerwachtte u deze e-mail niet? Dan kunt u hem negeren.`,
  mailResetSubject: 'Nieuw wachtwoord voor wijkmeter',
  mailResetText: (url: string) =>
    `Goedendag,\n\nIemand heeft een nieuw wachtwoord aangevraagd voor uw account in de werkruimte van wijkmeter.\nKies via deze link een nieuw wachtwoord (72 uur geldig, één keer te gebruiken):\n\n${url}\n\nHebt u dit niet zelf aangevraagd? Dan kunt u deze e-mail negeren; uw wachtwoord blijft hetzelfde.`,

  // Home
  homeTitle: 'Overzicht',
  homeWelcome: (name: string) => `Welkom, ${name}`,
  homeProgrammes: 'Mijn programma’s',
  homeNewProgramme: 'Nieuw programma',
  homeNoProgrammes: 'U bent nog aan geen programma gekoppeld. Een beheerder kan u toevoegen.',
  homeAllProgrammes: 'Als beheerder ziet u alle programma’s.',
  homeAdmin: 'Beheer',
  homeAdminUsers: 'Gebruikers uitnodigen en rollen beheren',
  homeAdminAudit: 'Auditlog bekijken',
  homeRole: (role: string) => `U bent ingelogd als ${role}.`,

  // Account
  accountTitle: 'Mijn account',
  accountDetails: 'Gegevens',
  accountRole: 'Rol',
  accountProgrammes: 'Programma’s',
  tokensTitle: 'Persoonlijke API-tokens',
  tokensIntro:
    'Met een token halen scripts (R, Python) gegevens op met uw rechten. Stuur het mee als “Authorization: Bearer …”. Een token wordt één keer getoond; bewaar het als een wachtwoord.',
  tokenLabel: 'Omschrijving',
  tokenLabelHint: 'Waarvoor gebruikt u het token? Bijvoorbeeld “R-script analyse 2016”.',
  tokenCreate: 'Token aanmaken',
  tokenValue: 'Uw token',
  tokenCreated: 'Uw nieuwe token. Kopieer het nu: het wordt niet nog eens getoond.',
  tokenRevoke: 'Intrekken',
  tokenRevoked: 'Het token is ingetrokken en werkt niet meer.',
  tokenCreatedOn: 'Aangemaakt',
  tokenLastUsed: 'Laatst gebruikt',
  tokenNever: 'nog niet',
  tokensNone: 'U hebt nog geen tokens.',
  changePasswordTitle: 'Wachtwoord wijzigen',
  currentPassword: 'Huidig wachtwoord',
  changePasswordButton: 'Wachtwoord wijzigen',
  passwordChanged: 'Uw wachtwoord is gewijzigd. Andere sessies zijn uitgelogd.',

  // Users (admin)
  usersTitle: 'Gebruikers',
  usersIntro: 'Nodig onderzoekers en programmamanagers uit. Er is geen open registratie: alleen wie u uitnodigt, komt erin.',
  inviteTitle: 'Iemand uitnodigen',
  displayName: 'Naam',
  displayNameHint: 'Zoals collega’s de persoon kennen.',
  role: 'Rol',
  roleHint: 'Onderzoekers zetten metingen op en zien ruwe anonieme gegevens; programmamanagers zien alleen resultaten.',
  programmes: 'Programma’s',
  programmesHint: 'De programma’s die deze persoon mag zien.',
  noProgrammesYet: 'Er zijn nog geen programma’s.',
  inviteButton: 'Uitnodiging versturen',
  inviteButtonNoMail: 'Account aanmaken en link tonen',
  invitedMail: (email: string) => `Er is een uitnodiging gestuurd naar ${email}.`,
  invitedLink: (email: string) =>
    `Het account voor ${email} is aangemaakt. Deze installatie verstuurt geen e-mail: geef deze link zelf door (72 uur geldig, één keer te gebruiken).`,
  usersList: 'Alle gebruikers',
  status: 'Status',
  statusActive: 'actief',
  statusInvited: 'uitgenodigd',
  statusDisabled: 'uitgeschakeld',
  edit: 'Wijzigen',
  editUserTitle: (email: string) => `Gebruiker ${email}`,
  userSaved: 'De wijzigingen zijn opgeslagen.',
  disableTitle: 'Account uitschakelen',
  disableText: 'Een uitgeschakeld account kan niet meer inloggen en zijn tokens werken niet meer. De auditlog blijft bewaard.',
  disableButton: 'Account uitschakelen',
  enableButton: 'Account weer inschakelen',
  userDisabled: 'Het account is uitgeschakeld.',
  userEnabled: 'Het account is weer ingeschakeld.',
  resetLinkButton: 'Nieuwe link om een wachtwoord in te stellen',
  resetLinkText:
    'Voor wie zijn uitnodiging kwijt is of zijn wachtwoord vergeten is. Eerdere links van deze persoon werken daarna niet meer.',
  resetLinkShown: 'Geef deze link door (72 uur geldig, één keer te gebruiken):',
  resetLinkMailed: (email: string) => `Er is een link gestuurd naar ${email}.`,
  notYourself: 'U kunt uw eigen rol niet wijzigen en uw eigen account niet uitschakelen.',
  lastAdmin: 'Er moet minstens één actieve beheerder blijven.',

  // Audit
  auditTitle: 'Auditlog',
  auditIntro: 'Elke beheerhandeling, met wie, wat en wanneer. Antwoorden, tokens en wachtwoorden staan hier nooit in.',
  auditFilter: 'Filteren',
  auditAction: 'Handeling',
  auditActor: 'Wie',
  auditSubject: 'Object',
  auditTime: 'Tijdstip',
  auditDetails: 'Details',
  auditFrom: 'Vanaf',
  auditUntil: 'Tot en met',
  auditAllActions: 'Alle handelingen',
  auditApply: 'Toon',
  auditReset: 'Wis filters',
  auditCount: (n: number) => `${n} ${n === 1 ? 'regel' : 'regels'}`,

  // Errors
  forbiddenTitle: 'Geen toegang',
  forbiddenText: 'Uw rol geeft geen toegang tot dit onderdeel. Denkt u dat dit niet klopt? Vraag het de beheerder.',
  notFoundTitle: 'Niet gevonden',
  notFoundText: 'Deze pagina bestaat niet, of u hebt er geen toegang toe.',
  errorTitle: 'Er ging iets mis',
  errorText: (ref: string) => `Er ging iets mis aan onze kant. Probeer het later opnieuw. (kenmerk ${ref})`,
  badRequestTitle: 'Dit verzoek kunnen we niet verwerken',
  toHome: 'Naar het overzicht',
};

export type Messages = typeof nl;

const en: Messages = {
  lang: 'en',
  appName: 'wijkmeter',
  workspace: 'workspace',
  skip: 'Skip to content',
  nav: 'Main menu',
  navHome: 'Overview',
  navUsers: 'Users',
  navAudit: 'Audit log',
  navAccount: 'My account',
  logout: 'Log out',
  switchLanguage: 'Nederlands',
  switchLanguageCode: 'nl',
  crumbs: 'Breadcrumbs',
  roleAdmin: 'administrator',
  roleResearcher: 'researcher',
  roleManager: 'programme manager',
  roleHintAdmin: 'accounts and everything else',
  roleHintResearcher: 'sets up programmes and waves, sees raw anonymous data and open answers',
  roleHintManager: 'sees results of his programmes only, never per-respondent data',
  footer: 'wijkmeter — open-source measurement for social district teams',
  required: 'required',
  optional: 'optional',
  cancel: 'Cancel',
  save: 'Save',
  previous: 'Previous',
  next: 'Next',
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  pagination: 'Pagination',
  noRows: 'Nothing to show yet.',
  errorSummary: 'Something is not filled in correctly',
  yes: 'yes',
  no: 'no',

  errRequired: 'Please fill this in.',
  errEmail: 'Enter a valid e-mail address, such as name@municipality.nl.',
  errTooLong: 'This is too long.',
  errNameTooLong: 'Use at most 120 characters.',
  errLabelTooLong: 'Use at most 80 characters.',
  errPasswordShort: 'Choose a password of at least 12 characters.',
  errPasswordLong: 'Use at most 200 characters.',
  errPasswordMismatch: 'The two passwords are not the same.',
  errPasswordWrong: 'This is not your current password.',
  errRole: 'Choose a role.',
  errProgramme: 'Choose existing programmes only.',
  errDuplicateEmail: 'An account with this e-mail address already exists.',
  errDate: 'Enter a date as YYYY-MM-DD.',
  errExpired: 'The form had expired. Please try again.',

  loginTitle: 'Log in',
  loginIntro: 'Log in to the wijkmeter workspace with your e-mail address and password.',
  email: 'E-mail address',
  password: 'Password',
  loginButton: 'Log in',
  loginFailed: 'We do not know this combination of e-mail address and password.',
  loginThrottled: (minutes) =>
    `A wrong password was tried too often. Please try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, or request a new password.`,
  loginForgot: 'Forgot your password?',
  loginNoAccount: 'No account yet? Accounts are created by an administrator of your organisation.',
  loggedOut: 'You have logged out.',
  sessionEnded: 'Your session has expired. Please log in again.',
  logoutTitle: 'Log out',
  logoutText: 'Do you want to log out of the workspace?',

  setPasswordTitle: 'Set your password',
  setPasswordIntro: (email) => `Choose a password for ${email}. Then log in with your e-mail address and this password.`,
  newPassword: 'New password',
  newPasswordHint: 'At least 12 characters. A sentence of a few words works well.',
  repeatPassword: 'Repeat the password',
  setPasswordButton: 'Save password',
  passwordSet: 'Your password has been saved. You can log in now.',
  linkInvalidTitle: 'This link no longer works',
  linkInvalidText:
    'The link has been used already, has expired (a link is valid for 72 hours) or was not copied completely. Request a new link through “Forgot your password?” or ask the administrator.',
  forgotTitle: 'Forgot your password',
  forgotIntro: 'Enter your e-mail address. If an account belongs to it, we send a link to choose a new password.',
  forgotButton: 'Request a link',
  forgotSent:
    'If an account belongs to this e-mail address, a link is on its way. The link is valid for 72 hours and works once. No e-mail? Check your spam folder or ask the administrator.',
  forgotNoMail: 'This installation does not send e-mail. Ask the administrator for a link to reset your password.',
  mailInviteSubject: 'Your account for the wijkmeter workspace',
  mailInviteText: (url, role) =>
    `Hello,\n\nAn account has been created for you in the wijkmeter workspace, with the role ${role}.\nChoose a password through this link (valid for 72 hours, works once):\n\n${url}\n\nThen log in with your e-mail address.\n\nDid you not expect this e-mail? Then you can ignore it.`,
  mailResetSubject: 'New password for wijkmeter',
  mailResetText: (url) =>
    `Hello,\n\nSomeone requested a new password for your account in the wijkmeter workspace.\nChoose a new password through this link (valid for 72 hours, works once):\n\n${url}\n\nDid you not request this? Then ignore this e-mail; your password stays the same.`,

  homeTitle: 'Overview',
  homeWelcome: (name) => `Welcome, ${name}`,
  homeProgrammes: 'My programmes',
  homeNewProgramme: 'New programme',
  homeNoProgrammes: 'You are not linked to any programme yet. An administrator can add you.',
  homeAllProgrammes: 'As an administrator you see all programmes.',
  homeAdmin: 'Administration',
  homeAdminUsers: 'Invite users and manage roles',
  homeAdminAudit: 'View the audit log',
  homeRole: (role) => `You are logged in as ${role}.`,

  accountTitle: 'My account',
  accountDetails: 'Details',
  accountRole: 'Role',
  accountProgrammes: 'Programmes',
  tokensTitle: 'Personal API tokens',
  tokensIntro:
    'With a token, scripts (R, Python) fetch data with your rights. Send it as “Authorization: Bearer …”. A token is shown once; keep it like a password.',
  tokenLabel: 'Description',
  tokenLabelHint: 'What is the token for? For example “R script analysis 2016”.',
  tokenCreate: 'Create token',
  tokenValue: 'Your token',
  tokenCreated: 'Your new token. Copy it now: it will not be shown again.',
  tokenRevoke: 'Revoke',
  tokenRevoked: 'The token has been revoked and no longer works.',
  tokenCreatedOn: 'Created',
  tokenLastUsed: 'Last used',
  tokenNever: 'not yet',
  tokensNone: 'You have no tokens yet.',
  changePasswordTitle: 'Change password',
  currentPassword: 'Current password',
  changePasswordButton: 'Change password',
  passwordChanged: 'Your password has been changed. Other sessions have been logged out.',

  usersTitle: 'Users',
  usersIntro: 'Invite researchers and programme managers. There is no open sign-up: only the people you invite get in.',
  inviteTitle: 'Invite someone',
  displayName: 'Name',
  displayNameHint: 'As colleagues know the person.',
  role: 'Role',
  roleHint: 'Researchers set up waves and see raw anonymous data; programme managers see results only.',
  programmes: 'Programmes',
  programmesHint: 'The programmes this person may see.',
  noProgrammesYet: 'There are no programmes yet.',
  inviteButton: 'Send invitation',
  inviteButtonNoMail: 'Create account and show link',
  invitedMail: (email) => `An invitation has been sent to ${email}.`,
  invitedLink: (email) =>
    `The account for ${email} has been created. This installation does not send e-mail: pass this link on yourself (valid for 72 hours, works once).`,
  usersList: 'All users',
  status: 'Status',
  statusActive: 'active',
  statusInvited: 'invited',
  statusDisabled: 'disabled',
  edit: 'Edit',
  editUserTitle: (email) => `User ${email}`,
  userSaved: 'The changes have been saved.',
  disableTitle: 'Disable account',
  disableText: 'A disabled account can no longer log in and its tokens stop working. The audit log is kept.',
  disableButton: 'Disable account',
  enableButton: 'Enable account again',
  userDisabled: 'The account has been disabled.',
  userEnabled: 'The account has been enabled again.',
  resetLinkButton: 'New link to set a password',
  resetLinkText: 'For someone who lost the invitation or forgot the password. Earlier links of this person stop working.',
  resetLinkShown: 'Pass this link on (valid for 72 hours, works once):',
  resetLinkMailed: (email) => `A link has been sent to ${email}.`,
  notYourself: 'You cannot change your own role or disable your own account.',
  lastAdmin: 'At least one active administrator must remain.',

  auditTitle: 'Audit log',
  auditIntro: 'Every administrative action: who, what and when. Answers, tokens and passwords are never in it.',
  auditFilter: 'Filter',
  auditAction: 'Action',
  auditActor: 'Who',
  auditSubject: 'Object',
  auditTime: 'Time',
  auditDetails: 'Details',
  auditFrom: 'From',
  auditUntil: 'Until',
  auditAllActions: 'All actions',
  auditApply: 'Show',
  auditReset: 'Clear filters',
  auditCount: (n) => `${n} ${n === 1 ? 'entry' : 'entries'}`,

  forbiddenTitle: 'No access',
  forbiddenText: 'Your role gives no access to this part. Think this is wrong? Ask the administrator.',
  notFoundTitle: 'Not found',
  notFoundText: 'This page does not exist, or you have no access to it.',
  errorTitle: 'Something went wrong',
  errorText: (ref) => `Something went wrong on our side. Please try again later. (reference ${ref})`,
  badRequestTitle: 'We cannot process this request',
  toHome: 'To the overview',
};

export const workspaceCatalogue = defineCatalogue('workspace', nl, en, {
  same: ['appName', 'status', 'auditSubject', 'auditDetails'],
});

export function wsMessages(lang: Lang): Messages {
  return workspaceCatalogue.get(lang);
}

/** The cookie that holds the chosen language; shared with the questionnaire pages. */
export const LANG_COOKIE = 'wm_lang';

/** The language of a workspace request: the cookie set by `GET /taal/:lang`, else Dutch. */
export function requestLang(request: FastifyRequest): Lang {
  return request.cookies?.[LANG_COOKIE] === 'en' ? 'en' : 'nl';
}

/** A catalogue key used as a zod message is translated; any other message is shown as is. */
export function translateError(t: Messages, message: string): string {
  const value = (t as unknown as Record<string, unknown>)[message];
  return typeof value === 'string' ? value : message;
}

export function roleName(t: Messages, role: 'admin' | 'researcher' | 'manager'): string {
  return role === 'admin' ? t.roleAdmin : role === 'researcher' ? t.roleResearcher : t.roleManager;
}
