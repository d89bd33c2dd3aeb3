"""Scale-out adapters: the same pipeline stages, mapped over partitions by an existing
distributed engine. :mod:`dateline.scale.dask` runs on Dask (a local machine or a cluster
started with ``dask scheduler`` / ``dask worker``); install it with ``pip install
'dateline[dask]'``."""
