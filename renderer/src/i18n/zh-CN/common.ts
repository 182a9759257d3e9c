/** Shared words: the shell (navigation, status bar, language switch), errors, units. */
export const common: Record<string, string> = {
  Language: '语言',
  '{s} s': '{s} 秒',
  '{m} min {s} s': '{m} 分 {s} 秒',
  '{h} h {m} min': '{h} 小时 {m} 分',
};
