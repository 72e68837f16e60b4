import type { Messages } from './en'

/** Welsh strings of the area report links on the area profile (Cymraeg). */
export const areaReportCy: Messages['areaReport'] = {
  heading: 'Pecyn adolygu',
  intro: 'Adroddiad y gellir ei argraffu am yr ardal hon ar gyfer partneriaeth adolygu, cyllidwr neu gyngor.',
  since: 'Newid ers (dewisol)',
  sinceHint: 'Mae’r adroddiad yn cymharu’r ardal hon â’i sefyllfa ar y dyddiad hwn.',
  pdf: 'Adroddiad (PDF)',
  web: 'Adroddiad (tudalen we)',
}
