// me_cleaner's options one by one. Which can be switched on, given the others, is the engine's
// answer (report.controls); the page only collects the choice.
import { Choice } from './choice.jsx';

const CHECKBOXES = ['relocate', 'truncate', 'keep_modules', 'restrict_me_master', 'extract_descriptor', 'extract_me'];

const names = (text) => String(text ?? '').split(/[\s,]+/).filter(Boolean);

export function Advanced({ choice, change, controls }) {
  const o = choice.advanced;
  const control = (id) => controls.find((c) => c.id === id) ?? { label: id, flag: '' };
  const reason = (id) => control(id).refused ?? '';
  const set = (patch) => change({ advanced: { ...o, ...patch } });
  const listMode = choice.listMode ?? 'none';
  const listText = choice.listText ?? '';
  // An empty list is no list: me_cleaner's default applies until a name is typed.
  const setList = (mode, text) => {
    const list = names(text);
    const on = (m) => (mode === m && list.length ? list : undefined);
    change({ listMode: mode, listText: text, advanced: { ...o, whitelist: on('whitelist'), blacklist: on('blacklist') } });
  };
  const disable = o.soft_disable ? 'S' : o.soft_disable_only ? 's' : 'none';
  return (
    <fieldset class="advanced" id="advanced">
      <legend>Advanced</legend>
      <fieldset>
        <legend>ME disable bit</legend>
        <Choice id="opt-disable-none" type="radio" name="disable" checked={disable === 'none'}
          onChange={() => set({ soft_disable: false, soft_disable_only: false })} label="Leave the HAP/AltMeDisable bit alone" />
        <Choice id="opt-disable-S" type="radio" name="disable" checked={disable === 'S'} reason={disable === 'S' ? '' : reason('soft_disable')}
          onChange={() => set({ soft_disable: true, soft_disable_only: false })} label={control('soft_disable').label} flag="-S" />
        <Choice id="opt-disable-s" type="radio" name="disable" checked={disable === 's'} reason={disable === 's' ? '' : reason('soft_disable_only')}
          onChange={() => set({ soft_disable: false, soft_disable_only: true })} label={control('soft_disable_only').label} flag="-s" />
      </fieldset>
      {CHECKBOXES.map((id) => (
        <Choice key={id} id={`opt-${id}`} type="checkbox" checked={!!o[id]} reason={o[id] ? '' : reason(id)}
          onChange={(on) => set({ [id]: on })} label={control(id).label} flag={control(id).flag} />
      ))}
      <fieldset>
        <legend>Partitions to keep or remove</legend>
        <Choice id="opt-list-none" type="radio" name="listmode" checked={listMode === 'none'} onChange={() => setList('none', listText)}
          label="me_cleaner's default" />
        <Choice id="opt-list-whitelist" type="radio" name="listmode" checked={listMode === 'whitelist'}
          reason={listMode === 'whitelist' ? '' : reason('whitelist')} onChange={() => setList('whitelist', listText)}
          label={control('whitelist').label} flag="-w" />
        <Choice id="opt-list-blacklist" type="radio" name="listmode" checked={listMode === 'blacklist'}
          reason={listMode === 'blacklist' ? '' : reason('blacklist')} onChange={() => setList('blacklist', listText)}
          label={control('blacklist').label} flag="-b" />
        {listMode !== 'none' && (
          <p class="choice">
            <label for="opt-list">Partition names, comma-separated</label>{' '}
            <input id="opt-list" type="text" value={listText} spellcheck={false} autocomplete="off" placeholder="EFFS,MFS"
              onInput={(e) => setList(listMode, e.currentTarget.value.toUpperCase())} />
          </p>
        )}
      </fieldset>
    </fieldset>
  );
}
