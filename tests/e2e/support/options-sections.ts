/** The options page's sections: the navigation link's name, and the heading the section opens with. */
export const OPTIONS_SECTIONS = [
  ['Accounts', 'Accounts'],
  ['Publishing', 'Publishing'],
  ['X links', 'Reading X links'],
  ['Leaving X', 'Leaving X'],
  ['Your data', 'Privacy and your data'],
] as const;
