/** The options page's words for the overlay's own key (kept out of components/text.ts, which the popup loads whole). */
export const shortcutsText = {
  overlayKey: 'On a Twilio console page whose box shows an account: the keyboard focus into the box',
  overlayKeyEscape: 'Escape then minimizes it and gives the focus back to where it was on the page.',
};
