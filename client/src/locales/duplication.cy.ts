/** Welsh strings of the duplication list in the area profile (decision 0005, "Duplication"). */
export const duplicationCy = {
  rule: 'Dim ond â darparwyr eraill sy’n cynnig yr un swyddogaeth, ar yr un lefel, i’r un grŵp y caiff darparwr ei gymharu: darparwyr cyffredinol â’i gilydd, darparwyr arbenigol fesul is-grŵp. Nid yw corff colli golwg a chorff anabledd dysgu yn cael eu cyfrif gyda’i gilydd, na chorff ar gyfer pob is-grŵp gyda chorff ar gyfer un.',
  detail: '{{group}} — {{detail}}',
  wholeStrand: '{{group}} — pob is-grŵp',
}
