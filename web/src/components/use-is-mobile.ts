import { Grid } from 'antd';

/** Phone width (< 768 px, antd's `md` breakpoint): the sider becomes a drawer and forms go single-column. */
export const useIsMobile = () => {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume a desktop then.
  return screens.md === false;
};
