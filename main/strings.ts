/**
 * What the main process itself shows — menus, notifications, dialogs — in the app's two languages. The renderer
 * has its own catalogue (renderer/src/i18n/); these few live here because the main process cannot import the
 * renderer. The language follows the OS (`app.getPreferredSystemLanguages()`), and the renderer's language switch
 * (`host.setLocale`) rebuilds the menu.
 */
import type { UiLocale } from '../contract/locale.ts';

export { pickLocale } from '../contract/locale.ts';
export type MainLocale = UiLocale;

const en = {
  file: '&File',
  addFiles: 'Add Files…',
  openWorkspace: 'Open Workspace…',
  openRecent: 'Open Recent',
  noRecent: 'No Recent Workspaces',
  clearRecent: 'Clear Menu',
  revealWorkspace: 'Show Workspace Folder',
  go: '&Go',
  corpora: 'Corpora',
  train: 'Train',
  runs: 'Runs',
  explore: 'Explore',
  view: '&View',
  help: '&Help',
  about: 'About NLP Studio',
  aboutDetail: 'Train, watch and export classic NLP models on your own corpora, offline.',
  workspace: 'Workspace',
  chooseWorkspace: 'Choose a workspace folder',
  addCorpusFiles: 'Add corpus files',
  textCorpora: 'Text corpora',
  allFiles: 'All files',
  saveExport: 'Save the export',
  couldNotAdd: 'Could not add the files',
  couldNotStart: 'NLP Studio could not start',
  trainingFinished: 'Training finished',
  trainingFailed: 'Training failed',
  finishedIn: (name: string, duration: string) => `${name} finished in ${duration}.`,
  stoppedAfter: (name: string, duration: string, why: string) => `${name} stopped after ${duration}: ${why}`,
  minutes: (m: number) => `${m} min`,
  hoursMinutes: (h: number, m: number) => `${h} h ${m} min`,
};

export type MainStrings = typeof en;

const zhCN: MainStrings = {
  file: '文件(&F)',
  addFiles: '添加文件…',
  openWorkspace: '打开工作区…',
  openRecent: '最近打开',
  noRecent: '没有最近的工作区',
  clearRecent: '清除列表',
  revealWorkspace: '显示工作区文件夹',
  go: '前往(&G)',
  corpora: '语料库',
  train: '训练',
  runs: '运行记录',
  explore: '探索',
  view: '视图(&V)',
  help: '帮助(&H)',
  about: '关于 NLP Studio',
  aboutDetail: '在你自己的语料上离线训练、观察并导出经典 NLP 模型。',
  workspace: '工作区',
  chooseWorkspace: '选择工作区文件夹',
  addCorpusFiles: '添加语料文件',
  textCorpora: '文本语料',
  allFiles: '所有文件',
  saveExport: '保存导出文件',
  couldNotAdd: '无法添加文件',
  couldNotStart: 'NLP Studio 无法启动',
  trainingFinished: '训练完成',
  trainingFailed: '训练失败',
  finishedIn: (name, duration) => `${name} 已完成，用时 ${duration}。`,
  stoppedAfter: (name, duration, why) => `${name} 在 ${duration} 后停止：${why}`,
  minutes: (m) => `${m} 分钟`,
  hoursMinutes: (h, m) => `${h} 小时 ${m} 分钟`,
};

export const mainStrings: Record<MainLocale, MainStrings> = { en, 'zh-CN': zhCN };

export function formatDuration(ms: number, strings: MainStrings): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? strings.minutes(minutes) : strings.hoursMinutes(Math.floor(minutes / 60), minutes % 60);
}
