/** Small hand-written texts the data tests encode into each supported encoding. */

export const CHINESE_SIMPLIFIED = [
  '我喜欢自然语言处理。',
  '今天天气很好，我们一起去公园散步吧。',
  '他说这个问题已经解决了，但是大家还是不太放心。',
  '中国的经济发展很快，城市里的人越来越多。',
  '学习一门新的语言需要时间和耐心，也需要每天练习。',
  '这本书讲的是一个年轻人离开家乡，到大城市里寻找工作的故事。',
  '我们应该保护环境，减少使用塑料袋。',
  '老师告诉学生们，明天上午有一个重要的考试。',
  '科学技术的进步改变了人们的生活方式。',
  '她每天早上六点起床，先跑步，然后吃早饭。',
];

export const CHINESE_TRADITIONAL = [
  '我喜歡自然語言處理。',
  '今天天氣很好，我們一起去公園散步吧。',
  '他說這個問題已經解決了，但是大家還是不太放心。',
  '臺灣的夜市非常熱鬧，有很多好吃的東西。',
  '學習一門新的語言需要時間和耐心，也需要每天練習。',
  '這本書講的是一個年輕人離開家鄉，到大城市裡尋找工作的故事。',
  '我們應該保護環境，減少使用塑膠袋。',
  '老師告訴學生們，明天上午有一個重要的考試。',
  '科學技術的進步改變了人們的生活方式。',
  '她每天早上六點起床，先跑步，然後吃早飯。',
];

/** Only characters that ISO-8859-1 can encode. */
export const LATIN1_TEXT = [
  'Où est la bibliothèque? Je préfère le thé au café.',
  'Die Größe der Straße ist überraschend schön.',
  'El niño comió una manzana el año pasado.',
  'À bientôt, dit-elle en français à sa sœur.'.replace('œ', 'oe'),
  'Ægir og Åse bor på en ø i Nordsjøen.',
];
